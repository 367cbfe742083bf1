package dev.sessionkit.boot.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@link WebTestApplication} on embedded Tomcat at a random port. */
public final class TestServer implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;

  private TestServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.port =
        Integer.parseInt(
            Objects.requireNonNull(
                context.getEnvironment().getProperty("local.server.port"), "local.server.port"));
  }

  /** Starts the application with {@code properties} added to a random port and no banner. */
  public static TestServer start(Map<String, ?> properties) {
    return start(WebTestApplication.class, properties);
  }

  /** Starts {@code application} with {@code properties}, a random port and no banner. */
  public static TestServer start(Class<?> application, Map<String, ?> properties) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("server.port", "0");
    all.put("spring.main.banner-mode", "off");
    all.put("server.shutdown", "immediate");
    all.putAll(properties);
    return new TestServer(new SpringApplicationBuilder(application).properties(all).run());
  }

  /** The address of {@code pathAndQuery} on this server. */
  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  public int port() {
    return port;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
  }
}
