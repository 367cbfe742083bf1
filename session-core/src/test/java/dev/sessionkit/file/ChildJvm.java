package dev.sessionkit.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a main class of these tests on the same class path, talked to through its
 * standard streams: the tests wait for the lines it prints (never for time to pass) and send it
 * lines to go on. {@link #kill()} sends SIGKILL, as {@code kill -9} would.
 */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final BufferedReader output;
  private final Writer input;

  private ChildJvm(Process process) {
    this.process = process;
    this.output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.input = process.outputWriter(StandardCharsets.UTF_8);
  }

  static ChildJvm start(Class<?> mainClass, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(arguments));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /**
   * Reads what the child prints until a line equal to {@code line}.
   *
   * @throws AssertionError when the child ends, or {@code timeout} passes, first
   */
  void awaitLine(String line, Duration timeout) throws Exception {
    CompletableFuture<Boolean> seen =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String read = output.readLine(); read != null; read = output.readLine()) {
                  if (read.equals(line)) {
                    return true;
                  }
                }
                return false;
              } catch (IOException ex) {
                throw new UncheckedIOException(ex);
              }
            });
    if (!seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the child JVM ended before printing '" + line + "'");
    }
  }

  /** Sends {@code line} to the child's standard input. */
  void send(String line) throws IOException {
    input.write(line + "\n");
    input.flush();
  }

  /** Waits for the child to end; returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the child JVM did not end within " + timeout);
    }
    return process.exitValue();
  }

  /** Kills the child at once (SIGKILL on Linux: no shutdown hook, no finally block runs). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
