package dev.sessionkit.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with {@code kill -9} while it writes session files leaves no partial or
 * unreadable session file (writes go to a temporary file renamed over the session's), and the
 * temporary files it leaves are removed by the next cleanup once they are an hour old.
 */
class FileCrashSafetyTests {

  @TempDir Path directory;

  @RepeatedTest(3)
  void killedWriterLeavesOnlyCompleteSessionsAndCleanupRemovesItsTemporaryFiles() throws Exception {
    try (ChildJvm writer = ChildJvm.start(FileWriterUntilKilled.class, directory.toString())) {
      // Some rounds in, it is writing continually: the kill lands in the middle of some write.
      writer.awaitLine("round 20", Duration.ofSeconds(60));
      writer.kill();
    }
    MutableClock twoHoursLater = MutableClock.at(Instant.now().plus(Duration.ofHours(2)));
    FileSessionStore store =
        new FileSessionStore(directory, SessionSettings.builder().clock(twoHoursLater).build());

    List<String> keys = names(FileSessionStore.FILE_PREFIX);
    assertThat(keys).hasSize(4);
    for (String name : keys) {
      Session session = store.open(name.substring(FileSessionStore.FILE_PREFIX.length()));
      Object payload = session.get("payload");
      assertThat(payload).as("payload of %s", name).isInstanceOf(String.class);
      assertThat(((String) payload).length()).isEqualTo(session.get("size"));
    }
    int leftTemporary = names(".sessionkit-tmp-").size();

    store.clearExpired();

    System.out.println(
        "kill -9 left " + leftTemporary + " temporary file(s); cleanup removed them");
    assertThat(names(".sessionkit-tmp-")).isEmpty();
    assertThat(names(FileSessionStore.FILE_PREFIX)).hasSize(4);
  }

  private List<String> names(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(n -> n.startsWith(prefix))
          .toList();
    }
  }
}
