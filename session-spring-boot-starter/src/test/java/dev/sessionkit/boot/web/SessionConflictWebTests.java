package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.boot.testing.GlobalExceptionAdvice;
import dev.sessionkit.boot.testing.MemorySessionStorage;
import dev.sessionkit.boot.testing.SetCookie;
import dev.sessionkit.boot.testing.TestServer;
import dev.sessionkit.boot.testing.WebTestApplication;
import dev.sessionkit.engine.StorageSessionStore;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A save that other requests of the same visitor keep getting in the way of, until the engine gives
 * up merging (a {@link dev.sessionkit.SessionConflictException}), answers 409 Conflict with a short
 * text, never 500: whether the filter saves after the handler or Spring MVC's writing of the body
 * makes it save inside the handler, and even with an application's
 * {@code @ExceptionHandler(Exception.class)}. The backend is a storage where every replace
 * conflicts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionConflictWebTests {

  private TestServer server;

  @SpringBootConfiguration(proxyBeanMethods = false)
  @Import(WebTestApplication.class)
  static class AlwaysConflictingApplication {

    @Bean
    SessionStore sessionStore() {
      return new StorageSessionStore(
          MemorySessionStorage.alwaysConflicting(), SessionSettings.defaults());
    }
  }

  @BeforeAll
  void startServer() {
    server = TestServer.start(AlwaysConflictingApplication.class, Map.of());
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/put-no-content?value=second", "/put?key=k&value=second", "/large-body"})
  void saveThatCannotBeMergedAnswers409AndKeepsWhatWasStored(String path) {
    Browser browser = new Browser(server);
    assertThat(browser.get("/put?key=k&value=first").statusCode()).isEqualTo(200);

    HttpResponse<String> response = browser.get(path);

    assertConflictAnswer(response);
    assertThat(browser.get("/get?key=k").body()).isEqualTo("first");
  }

  @Test
  void saveInsideTheHandlerThatCannotBeMergedAnswers409EvenWithAGlobalExceptionHandler() {
    try (TestServer variant =
        TestServer.start(
            AlwaysConflictingApplication.class, Map.of(GlobalExceptionAdvice.PROPERTY, "true"))) {
      Browser browser = new Browser(variant);
      assertThat(browser.get("/put?key=k&value=first").statusCode()).isEqualTo(200);

      HttpResponse<String> response = browser.get("/large-body");

      assertConflictAnswer(response);
    }
  }

  private static void assertConflictAnswer(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).isEqualTo(SessionFilter.CONFLICT_MESSAGE);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(SetCookie.all(response.headers())).noneMatch(cookie -> !cookie.value().isEmpty());
  }
}
