package dev.sessionkit.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sessionkit.PrincipalSession;
import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code sessionkit} actuator endpoint: the backend, a user's sessions, signing them out. */
class SessionkitEndpointTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class,
                  EndpointAutoConfiguration.class,
                  SessionkitEndpointAutoConfiguration.class))
          .withPropertyValues("management.endpoints.web.exposure.include=sessionkit");

  @Test
  void describesTheBackendWhatItCanDoAndACheapCount() {
    runner.run(
        context -> {
          loggedIn(context.getBean(SessionStore.class), "alice");
          assertThat(context.getBean(SessionkitEndpoint.class).store())
              .containsEntry("backend", "cache")
              .containsEntry("compareAndSet", true)
              .containsEntry("listsSessionsByPrincipal", true)
              .containsEntry("sessions", 1L);
        });
  }

  @Test
  void showsNoCountWhereCountingWouldReadTheWholeStore() {
    runner
        .withPropertyValues("sessionkit.backend=db")
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .run(
            context ->
                assertThat(context.getBean(SessionkitEndpoint.class).store())
                    .containsEntry("backend", "db")
                    .doesNotContainKey("sessions"));
  }

  @Test
  void listsAUsersSessionsByIdOnlyAndSignsThemOut() {
    runner.run(
        context -> {
          SessionStore store = context.getBean(SessionStore.class);
          SessionkitEndpoint endpoint = context.getBean(SessionkitEndpoint.class);
          String phone = loggedIn(store, "alice");
          String laptop = loggedIn(store, "alice");

          List<PrincipalSession> sessions = endpoint.sessionsOf("alice");

          assertThat(sessions)
              .extracting(PrincipalSession::id)
              .containsExactlyInAnyOrder(phone.substring(0, 8), laptop.substring(0, 8));
          assertThat(sessions.toString()).doesNotContain(phone).doesNotContain(laptop);
          assertThat(endpoint.signOutOne("alice", phone.substring(0, 8)))
              .containsEntry("signedOut", 1);
          assertThat(store.exists(phone)).isFalse();
          assertThat(endpoint.signOut("alice")).containsEntry("signedOut", 1);
          assertThat(store.exists(laptop)).isFalse();
          assertThat(endpoint.sessionsOf("alice")).isEmpty();
        });
  }

  @Test
  void aStoreOfAnotherKindIsNamedButCannotListUsers() {
    runner
        .withBean(
            SessionStore.class,
            () ->
                new ForeignSessionStore(
                    new dev.sessionkit.cache.CacheSessionStore(
                        new org.springframework.cache.concurrent.ConcurrentMapCache("s"))))
        .run(
            context -> {
              SessionkitEndpoint endpoint = context.getBean(SessionkitEndpoint.class);
              assertThat(endpoint.store()).containsOnlyKeys("backend");
              assertThatExceptionOfType(UnsupportedOperationException.class)
                  .isThrownBy(() -> endpoint.sessionsOf("alice"));
            });
  }

  @Test
  void followsTheEndpointsAccessProperty() {
    runner
        .withPropertyValues("management.endpoint.sessionkit.access=NONE")
        .run(context -> assertThat(context).doesNotHaveBean(SessionkitEndpoint.class));
  }

  @Test
  void isNotCreatedUnlessExposed() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SessionkitAutoConfiguration.class,
                EndpointAutoConfiguration.class,
                SessionkitEndpointAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(SessionkitEndpoint.class));
  }

  private static String loggedIn(SessionStore store, String name) {
    Session session = store.newSession();
    session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, name);
    session.save();
    return session.getSessionKey();
  }
}
