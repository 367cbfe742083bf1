package dev.sessionkit.file;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A process for {@link FileCrashSafetyTests} to kill: saves four sessions with payloads of random
 * size (up to 100 KiB, under the default maximum session size) in a loop, forever, printing {@code
 * round <n>} after each round of saves. Argument: the directory.
 */
final class FileWriterUntilKilled {

  private FileWriterUntilKilled() {}

  public static void main(String[] args) {
    FileSessionStore store = new FileSessionStore(Path.of(args[0]), SessionSettings.defaults());
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sessions.add(store.newSession());
    }
    for (int round = 1; ; round++) {
      for (Session session : sessions) {
        int size = ThreadLocalRandom.current().nextInt(1, 100 * 1024);
        session.put("payload", "x".repeat(size));
        session.put("size", size);
        session.save();
      }
      System.out.println("round " + round);
      System.out.flush();
    }
  }
}
