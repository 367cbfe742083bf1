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
import java.util.concurrent.TimeUnit;
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
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FileWriterUntilKilled.class.getName(),
                directory.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(directory.resolve("ready"))) {
        assertThat(writer.isAlive()).as("the writer is running").isTrue();
        assertThat(System.nanoTime()).as("waited for the writer").isLessThan(deadline);
        Thread.sleep(20);
      }
      Thread.sleep(200);
    } finally {
      writer.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally blocks
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
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
