package dev.sessionkit.sample;

import dev.sessionkit.SessionStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample application started by a test with one backend profile, its state (H2 database file or
 * session files) in a directory of the test's, so that it can be stopped and started again on the
 * same port with the same sessions.
 */
final class RunningShop implements AutoCloseable {

  /** The profile name that means "no profile": the default db backend on an H2 file. */
  static final String DEFAULT = "default";

  private final ConfigurableApplicationContext context;
  private final int port;

  private RunningShop(ConfigurableApplicationContext context, int port) {
    this.context = context;
    this.port = port;
  }

  /**
   * Starts the shop with {@code profile} ({@value #DEFAULT}, {@code file}, {@code cache} or a
   * server backend's) on {@code port}. Pass 0 to let the server bind any free port itself (read it
   * back with {@link #port()}); pass that port again to restart the shop where the browser left it.
   * The default profile keeps its H2 database file, and {@code file} its session files, under
   * {@code dataDirectory}; the settings are command-line arguments so that they win over {@code
   * application.yml}.
   */
  static RunningShop start(String profile, int port, Path dataDirectory) {
    List<String> arguments = new ArrayList<>();
    arguments.add("--server.port=" + port);
    arguments.add("--spring.main.banner-mode=off");
    if (DEFAULT.equals(profile)) {
      arguments.add(
          "--spring.datasource.url=jdbc:h2:file:"
              + dataDirectory.resolve("sessionkit-sample").toAbsolutePath());
    } else {
      arguments.add("--spring.profiles.active=" + profile);
    }
    if ("file".equals(profile)) {
      arguments.add("--sessionkit.file.path=" + dataDirectory.toAbsolutePath());
    }
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(SampleApplication.class).run(arguments.toArray(String[]::new));
    return new RunningShop(
        context, context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  /** The port the shop listens on. */
  int port() {
    return port;
  }

  /** The address of {@code path} on this shop. */
  String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** The session store in use. */
  SessionStore store() {
    return context.getBean(SessionStore.class);
  }

  /** Stops the shop. */
  @Override
  public void close() {
    context.close();
  }
}
