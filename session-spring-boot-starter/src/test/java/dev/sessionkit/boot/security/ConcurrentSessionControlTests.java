package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code maximumSessions(1)} across two instances of an application that share one database (two
 * application contexts on their own ports, one H2 database): the second login of a user expires the
 * first, whichever instance each went through, and no container session is ever created.
 */
class ConcurrentSessionControlTests {

  private static final Pattern LOGIN_FORM_TOKEN =
      Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

  private final String database =
      "jdbc:h2:mem:concurrent-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final ConfigurableApplicationContext first = start();
  private final ConfigurableApplicationContext second = start();

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  @Test
  void theSecondLoginOfAUserOnAnotherInstanceExpiresTheFirst() throws Exception {
    Browser laptop = new Browser(first);
    Browser phone = new Browser(second);

    laptop.logIn("alice", "wonderland");
    assertThat(laptop.get("/account").body()).isEqualTo("account of alice");
    phone.logIn("alice", "wonderland");

    assertThat(phone.get("/account").body()).isEqualTo("account of alice");
    HttpResponse<String> signedOut = laptop.get("/account");
    assertThat(signedOut.statusCode()).isEqualTo(302);
    assertThat(signedOut.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    assertThat(first.getBean(SessionRegistry.class)).isInstanceOf(PrincipalSessionRegistry.class);
    assertThat(laptop.cookieNames()).doesNotContain("JSESSIONID");
    assertThat(phone.cookieNames()).doesNotContain("JSESSIONID");
  }

  @Test
  void aUserLoggingInAgainFromTheSameBrowserIsNotCountedTwice() throws Exception {
    try (ConfigurableApplicationContext preventing = start("test.prevents-login=true")) {
      Browser laptop = new Browser(preventing);
      Browser phone = new Browser(preventing);
      laptop.logIn("alice", "wonderland");

      laptop.logIn("alice", "wonderland");

      assertThat(laptop.get("/account").body()).isEqualTo("account of alice");
      assertThat(phone.logInExpectingRefusal("alice", "wonderland")).endsWith("/login?error");
      assertThat(laptop.get("/account").body()).isEqualTo("account of alice");
    }
  }

  private ConfigurableApplicationContext start(String... more) {
    return new SpringApplicationBuilder(ConcurrentSessionsApplication.class)
        .properties(more)
        .properties(
            "server.port=0",
            "server.address=127.0.0.1",
            "spring.datasource.url=" + database,
            "sessionkit.backend=db",
            "sessionkit.jdbc.initialize-schema=always",
            "sessionkit.container-session=fail",
            "spring.main.banner-mode=off")
        .run();
  }

  /** One visitor's client, with its own cookies, on one instance. */
  private static final class Browser {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    Browser(ConfigurableApplicationContext instance) {
      int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
      this.base = "http://127.0.0.1:" + port;
    }

    void logIn(String user, String password) throws IOException, InterruptedException {
      assertThat(postLogin(user, password)).doesNotContain("error");
    }

    /** Logs in and returns where the login redirected, expecting Spring Security to refuse. */
    String logInExpectingRefusal(String user, String password)
        throws IOException, InterruptedException {
      return postLogin(user, password);
    }

    private String postLogin(String user, String password)
        throws IOException, InterruptedException {
      Matcher token = LOGIN_FORM_TOKEN.matcher(get("/login").body());
      assertThat(token.find()).as("the login form's CSRF token").isTrue();
      String form =
          "username="
              + encode(user)
              + "&password="
              + encode(password)
              + "&_csrf="
              + encode(token.group(1));
      HttpResponse<String> login =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(302);
      return login.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return client.send(
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    java.util.List<String> cookieNames() {
      return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  /** An application allowing one session per user, configured the usual Spring Security way. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @EnableWebSecurity
  static class ConcurrentSessionsApplication {

    @Bean
    SecurityFilterChain securityFilterChain(
        HttpSecurity http, @Value("${test.prevents-login:false}") boolean preventsLogin) {
      SimpleUrlAuthenticationFailureHandler refused =
          new SimpleUrlAuthenticationFailureHandler("/login?error");
      refused.setAllowSessionCreation(false); // as README advises: no container session
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .formLogin(form -> form.failureHandler(refused))
          .sessionManagement(
              sessions -> sessions.maximumSessions(1).maxSessionsPreventsLogin(preventsLogin))
          .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("alice").password("{noop}wonderland").roles("USER").build());
    }

    @Bean
    AccountPage accountPage() {
      return new AccountPage();
    }
  }

  @RestController
  static class AccountPage {

    @GetMapping("/account")
    String account(Principal principal) {
      return "account of " + principal.getName();
    }
  }
}
