package dev.sessionkit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Django, driven through {@code dev/sessionkit/django/django_sessions.py} (the tests'
 * resources), one short-lived {@code python3} process per {@link #run} call:
 *
 * <pre>{@code
 * JsonNode results = RealDjango.require().run(SECRET_KEY, List.of(Map.of("op", "encode", ...)));
 * }</pre>
 *
 * <p>The interpreter is {@code -Dsessionkit.python} when set, else the first of {@code python3} on
 * the path and {@code /usr/bin/python3} (where Debian's {@code python3-django} is) that can {@code
 * import django}. When none can, {@link #require()} skips the calling test with the reason, or
 * fails it under {@code -Dsessionkit.require-services=true}, as {@link ServiceAvailability} does
 * for servers. Every process is bounded by {@value #TIMEOUT_SECONDS} seconds.
 */
public final class RealDjango implements AutoCloseable {

  /** The longest one Django process may run before it is killed and the test fails. */
  public static final int TIMEOUT_SECONDS = 60;

  private static final String SCRIPT = "dev/sessionkit/django/django_sessions.py";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final String python;
  private final String version;
  private final Path script;

  private RealDjango(String python, String version, Path script) {
    this.python = python;
    this.version = version;
    this.script = script;
  }

  /** Django, or a skipped (or, when services are required, failed) test. */
  public static RealDjango require() {
    return Holder.AVAILABILITY.require();
  }

  /** Django's version, for example {@code 3.2.25}. */
  public String version() {
    return version;
  }

  /**
   * Runs {@code operations} in one Django configured with {@code settings} (at least {@code
   * secret_key}; see the script's docstring for the rest) and returns its {@code results}, one per
   * operation.
   */
  public JsonNode run(Map<String, ?> settings, List<Map<String, ?>> operations) {
    Map<String, Object> request = new LinkedHashMap<>(settings);
    request.put("operations", operations);
    String output = execute(List.of(python, script.toString()), MAPPER.writeValueAsString(request));
    return MAPPER.readTree(output).get("results");
  }

  /** As {@link #run(Map, List)} with only a secret key. */
  public JsonNode run(String secretKey, List<Map<String, ?>> operations) {
    return run(Map.of("secret_key", secretKey), operations);
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(script);
  }

  private static String execute(List<String> command, String input) {
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException ex) {
      throw new IllegalStateException(
          "cannot start " + command.get(0) + ": " + ex.getMessage(), ex);
    }
    CompletableFuture<String> output = read(process.getInputStream());
    CompletableFuture<String> errors = read(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ex) {
      // the process died early; its exit code and standard error below say why
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      String stdout = output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      String stderr = errors.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + stderr);
      }
      return stdout;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while waiting for Django", ex);
    } catch (ExecutionException | TimeoutException ex) {
      process.destroyForcibly();
      throw new IllegalStateException("cannot read what Django wrote", ex);
    }
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException ex) {
            throw new IllegalStateException(ex);
          }
        });
  }

  /** Finds an interpreter with Django once per JVM. */
  private static final class Holder {

    static final ServiceAvailability<RealDjango> AVAILABILITY = find();

    private static ServiceAvailability<RealDjango> find() {
      List<String> candidates = new ArrayList<>();
      String configured = System.getProperty("sessionkit.python");
      if (configured != null && !configured.isBlank()) {
        candidates.add(configured);
      } else {
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
      }
      List<String> failures = new ArrayList<>();
      for (String python : candidates.stream().distinct().toList()) {
        try {
          String version =
              execute(List.of(python, "-c", "import django; print(django.get_version())"), "")
                  .strip();
          return ServiceAvailability.up("Django", new RealDjango(python, version, copyScript()));
        } catch (RuntimeException ex) {
          failures.add(python + ": " + lastLine(ex.getMessage()));
        }
      }
      return ServiceAvailability.down(
          "Django",
          "no python3 that can 'import django' ("
              + String.join("; ", failures)
              + "); install it with 'apt-get install python3-django python3-psycopg2'");
    }

    private static Path copyScript() {
      try (InputStream resource =
          Objects.requireNonNull(
              RealDjango.class.getClassLoader().getResourceAsStream(SCRIPT), SCRIPT)) {
        Path copy = Files.createTempFile("sessionkit-django-", ".py");
        Files.write(copy, resource.readAllBytes());
        copy.toFile().deleteOnExit();
        return copy;
      } catch (IOException ex) {
        throw new IllegalStateException("cannot copy " + SCRIPT, ex);
      }
    }

    private static String lastLine(String message) {
      String trimmed = message == null ? "" : message.strip();
      return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }
  }
}
