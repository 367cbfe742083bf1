package dev.sessionkit.file;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A second process for {@link FileSessionStoreTests}: increments a counter of one session in a
 * shared directory from several threads, so the test can check that two JVMs lose no update.
 * Arguments: the directory, the session key, threads, rounds per thread. It prints {@code ready}
 * once started and begins when it reads {@code go} on its standard input.
 */
final class FileStoreWorker {

  private FileStoreWorker() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    String key = args[1];
    int threads = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    FileSessionStore store = new FileSessionStore(directory, SessionSettings.defaults());
    System.out.println("ready");
    System.out.flush();
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"go".equals(commands.readLine())) {
      System.exit(3);
    }
    System.exit(incrementInParallel(store, key, threads, rounds) ? 0 : 1);
  }

  /**
   * Runs {@code threads × rounds} compute increments of {@code n}, while as many other threads save
   * sessions of their own (other keys, so other lock stripes, whose locking must not release the
   * counter's lock); false when one failed.
   */
  static boolean incrementInParallel(FileSessionStore store, String key, int threads, int rounds)
      throws InterruptedException {
    ExecutorService executor = Executors.newFixedThreadPool(2 * threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < threads; thread++) {
        futures.add(
            executor.submit(
                () -> {
                  for (int round = 0; round < rounds; round++) {
                    Session session = store.open(key);
                    session.compute("n", Integer.class, n -> n == null ? 1 : n + 1);
                    session.save();
                  }
                  return null;
                }));
        futures.add(
            executor.submit(
                () -> {
                  Session own = store.newSession();
                  for (int round = 0; round < rounds; round++) {
                    own.put("round", round);
                    own.save();
                  }
                  return null;
                }));
      }
      boolean succeeded = true;
      for (Future<?> future : futures) {
        try {
          future.get(60, TimeUnit.SECONDS);
        } catch (Exception ex) {
          ex.printStackTrace();
          succeeded = false;
        }
      }
      return succeeded;
    } finally {
      executor.shutdownNow();
    }
  }
}
