package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentRememberMeToken;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;

/**
 * A series expired on Spring Security's {@link JdbcTokenRepositoryImpl} is stored with its 1970
 * date on H2, PostgreSQL and MariaDB (whose {@code TIMESTAMP} starts in 1970), and Spring
 * Security's {@link PersistentTokenBasedRememberMeServices} then rejects that device's cookie and
 * deletes it, while another device's cookie still logs in: the expiry is not taken for a theft.
 */
class SeriesRecordingTokenRepositoryDatabaseTests {

  /** The table the sample creates (its {@code remember-me-schema.sql}), Spring's columns. */
  private static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS persistent_logins (username VARCHAR(64) NOT NULL,"
          + " series VARCHAR(64) PRIMARY KEY, token VARCHAR(64) NOT NULL,"
          + " last_used TIMESTAMP NOT NULL)";

  abstract static class OnDatabase {

    private final Date now = new Date();
    private SeriesRecordingTokenRepository repository;
    private PersistentTokenBasedRememberMeServices rememberMe;

    abstract TestDatabase database();

    @BeforeEach
    void tokensTable() {
      database().jdbc().execute(CREATE_TABLE);
      database().jdbc().update("DELETE FROM persistent_logins");
      JdbcTokenRepositoryImpl tokens = new JdbcTokenRepositoryImpl();
      tokens.setDataSource(database().dataSource());
      tokens.afterPropertiesSet();
      repository = new SeriesRecordingTokenRepository(tokens);
      rememberMe =
          new PersistentTokenBasedRememberMeServices(
              "key",
              new InMemoryUserDetailsManager(
                  User.withUsername("alice").password("{noop}x").roles("USER").build()),
              repository);
    }

    @Test
    void anExpiredSeriesIsStoredAsExpiredAndItsCookieRejectedButNotTakenForATheft() {
      String phone = UUID.randomUUID().toString().substring(0, 16);
      String laptop = UUID.randomUUID().toString().substring(0, 16);
      repository.createNewToken(new PersistentRememberMeToken("alice", phone, "phone-token", now));
      repository.createNewToken(
          new PersistentRememberMeToken("alice", laptop, "laptop-token", now));

      assertThat(repository.expireSeries("alice", phone)).isTrue();

      assertThat(repository.repository().getTokenForSeries(phone).getDate().toInstant())
          .isEqualTo(Instant.parse("1970-01-02T00:00:00Z"));
      MockHttpServletResponse phoneResponse = new MockHttpServletResponse();
      assertThat(rememberMe.autoLogin(withCookie(phone, "phone-token"), phoneResponse)).isNull();
      assertThat(phoneResponse.getCookie("remember-me").getMaxAge()).isZero();
      assertThat(
              rememberMe.autoLogin(
                  withCookie(laptop, "laptop-token"), new MockHttpServletResponse()))
          .isNotNull();
    }

    private static MockHttpServletRequest withCookie(String series, String token) {
      String value =
          URLEncoder.encode(series, StandardCharsets.UTF_8)
              + ":"
              + URLEncoder.encode(token, StandardCharsets.UTF_8);
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/account");
      request.setCookies(
          new Cookie(
              "remember-me",
              Base64.getEncoder()
                  .withoutPadding()
                  .encodeToString(value.getBytes(StandardCharsets.UTF_8))));
      return request;
    }
  }

  @Nested
  class H2 extends OnDatabase {

    @RegisterExtension static final TestDatabase database = TestDatabase.h2();

    @Override
    TestDatabase database() {
      return database;
    }
  }

  @Nested
  class Postgresql extends OnDatabase {

    @RegisterExtension static final TestDatabase database = TestDatabase.postgresql();

    @Override
    TestDatabase database() {
      return database;
    }
  }

  @Nested
  class Mariadb extends OnDatabase {

    @RegisterExtension static final TestDatabase database = TestDatabase.mariadb();

    @Override
    TestDatabase database() {
      return database;
    }
  }
}
