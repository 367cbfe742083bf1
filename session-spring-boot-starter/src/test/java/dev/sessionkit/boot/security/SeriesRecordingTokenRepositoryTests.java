package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.PrincipalSessions;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.web.authentication.rememberme.InMemoryTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentRememberMeToken;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The repository wrapper records each login's remember-me series in the request's session, and
 * {@link ExpireRememberMeSessionListener} expires a revoked session's series, on Spring Security's
 * JDBC repository (which stores the date it is given) and its in-memory one (which does not).
 */
class SeriesRecordingTokenRepositoryTests {

  private static final Date NOW = Date.from(Instant.parse("2030-01-01T00:00:00Z"));

  private final RequestWithSession visitor = new RequestWithSession();

  @BeforeEach
  void bindTheVisitorsRequest() {
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(visitor.request));
  }

  @AfterEach
  void unbind() {
    RequestContextHolder.resetRequestAttributes();
  }

  static Stream<PersistentTokenRepository> repositories() {
    JdbcTokenRepositoryImpl jdbc = new JdbcTokenRepositoryImpl();
    jdbc.setDataSource(
        new EmbeddedDatabaseBuilder()
            .setType(EmbeddedDatabaseType.H2)
            .setName("tokens-" + UUID.randomUUID())
            .build());
    jdbc.setCreateTableOnStartup(true);
    jdbc.afterPropertiesSet();
    return Stream.of(new InMemoryTokenRepositoryImpl(), jdbc);
  }

  @ParameterizedTest
  @MethodSource("repositories")
  void createNewTokenStoresItAndRecordsItsSeriesInTheSession(PersistentTokenRepository tokens) {
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);

    repository.createNewToken(new PersistentRememberMeToken("alice", "series-1", "value", NOW));

    assertThat(tokens.getTokenForSeries("series-1")).isNotNull();
    assertThat(visitor.session.get(SeriesRecordingTokenRepository.SERIES_KEY))
        .isEqualTo("series-1");
  }

  @ParameterizedTest
  @MethodSource("repositories")
  void updateTokenStoresItAndRecordsItsSeriesInTheSession(PersistentTokenRepository tokens) {
    tokens.createNewToken(new PersistentRememberMeToken("alice", "series-1", "value", NOW));
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);

    repository.updateToken("series-1", "next value", NOW);

    assertThat(tokens.getTokenForSeries("series-1").getTokenValue()).isEqualTo("next value");
    assertThat(visitor.session.get(SeriesRecordingTokenRepository.SERIES_KEY))
        .isEqualTo("series-1");
  }

  @Test
  void outsideARequestTheTokenIsStoredAndNothingRecorded() {
    RequestContextHolder.resetRequestAttributes();
    InMemoryTokenRepositoryImpl tokens = new InMemoryTokenRepositoryImpl();

    new SeriesRecordingTokenRepository(tokens)
        .createNewToken(new PersistentRememberMeToken("alice", "series-1", "value", NOW));

    assertThat(tokens.getTokenForSeries("series-1")).isNotNull();
    assertThat(visitor.session.isEmpty()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("repositories")
  void expireSeriesKeepsTheTokenValueAndMakesItsLoginExpired(PersistentTokenRepository tokens) {
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("alice", "phone", "phone value", NOW));
    tokens.createNewToken(new PersistentRememberMeToken("alice", "laptop", "laptop value", NOW));

    assertThat(repository.expireSeries("alice", "phone")).isTrue();

    PersistentRememberMeToken phone = repository.getTokenForSeries("phone");
    assertThat(phone.getTokenValue()).isEqualTo("phone value");
    assertThat(phone.getDate().toInstant()).isEqualTo(SeriesRecordingTokenRepository.EXPIRED);
    assertThat(repository.getTokenForSeries("laptop").getDate().getTime()).isEqualTo(NOW.getTime());
    assertThat(visitor.session.isEmpty()).as("an expiry is recorded in no session").isTrue();
  }

  @Test
  void aRepositoryThatStoresTheDateItIsGivenKeepsTheExpiryItself() {
    PersistentTokenRepository jdbc = repositories().toList().get(1);
    jdbc.createNewToken(new PersistentRememberMeToken("alice", "phone", "value", NOW));

    new SeriesRecordingTokenRepository(jdbc).expireSeries("alice", "phone");

    assertThat(jdbc.getTokenForSeries("phone").getDate().toInstant())
        .isEqualTo(SeriesRecordingTokenRepository.EXPIRED);
  }

  @ParameterizedTest
  @MethodSource("repositories")
  void expireSeriesOfAnotherUserOrAnUnknownSeriesChangesNothing(PersistentTokenRepository tokens) {
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("bob", "bobs", "value", NOW));

    assertThat(repository.expireSeries("alice", "bobs")).isFalse();
    assertThat(repository.expireSeries("alice", "unknown")).isFalse();

    assertThat(repository.getTokenForSeries("bobs").getDate().getTime()).isEqualTo(NOW.getTime());
  }

  @Test
  void removeUserTokensForgetsTheSeriesExpiredInMemory() {
    InMemoryTokenRepositoryImpl tokens = new InMemoryTokenRepositoryImpl();
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("alice", "phone", "value", NOW));
    repository.expireSeries("alice", "phone");

    repository.removeUserTokens("alice");
    tokens.createNewToken(new PersistentRememberMeToken("alice", "phone", "value", NOW));

    assertThat(repository.getTokenForSeries("phone").getDate().getTime()).isEqualTo(NOW.getTime());
  }

  @ParameterizedTest
  @MethodSource("repositories")
  void removeUserTokensExceptKeepsTheKeptSeriesUnchangedAndRemovesTheUsersOthers(
      PersistentTokenRepository tokens) {
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("alice", "laptop", "laptop value", NOW));
    tokens.createNewToken(new PersistentRememberMeToken("alice", "lost phone", "phone value", NOW));
    tokens.createNewToken(new PersistentRememberMeToken("bob", "bobs", "bobs value", NOW));

    repository.removeUserTokensExcept("alice", List.of("laptop", "bobs", "unknown"));

    PersistentRememberMeToken laptop = repository.getTokenForSeries("laptop");
    assertThat(laptop.getUsername()).isEqualTo("alice");
    assertThat(laptop.getTokenValue()).isEqualTo("laptop value");
    assertThat(laptop.getDate().getTime()).isEqualTo(NOW.getTime());
    assertThat(repository.getTokenForSeries("lost phone")).isNull();
    assertThat(repository.getTokenForSeries("bobs").getTokenValue()).isEqualTo("bobs value");
    assertThat(visitor.session.isEmpty()).as("recorded in no session").isTrue();
  }

  @ParameterizedTest
  @MethodSource("repositories")
  void removeUserTokensExceptDoesNotBringAnExpiredSeriesBack(PersistentTokenRepository tokens) {
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("alice", "laptop", "laptop value", NOW));
    repository.expireSeries("alice", "laptop");

    repository.removeUserTokensExcept("alice", List.of("laptop"));

    assertThat(repository.getTokenForSeries("laptop")).isNull();
  }

  @Test
  void removeUserTokensExceptForgetsTheSeriesExpiredInMemoryOfTheUserOnly() {
    InMemoryTokenRepositoryImpl tokens = new InMemoryTokenRepositoryImpl();
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("alice", "phone", "value", NOW));
    tokens.createNewToken(new PersistentRememberMeToken("bob", "bobs", "value", NOW));
    repository.expireSeries("alice", "phone");
    repository.expireSeries("bob", "bobs");

    repository.removeUserTokensExcept("alice", List.of());
    tokens.createNewToken(new PersistentRememberMeToken("alice", "phone", "value", NOW));

    assertThat(repository.getTokenForSeries("phone").getDate().getTime()).isEqualTo(NOW.getTime());
    assertThat(repository.getTokenForSeries("bobs").getDate().toInstant())
        .isEqualTo(SeriesRecordingTokenRepository.EXPIRED);
  }

  @Test
  void theListenerExpiresTheRevokedSessionsSeriesButNotTheSeriesOfTheSessionAsking() {
    InMemoryTokenRepositoryImpl tokens = new InMemoryTokenRepositoryImpl();
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("alice", "phone", "value", NOW));
    tokens.createNewToken(new PersistentRememberMeToken("alice", "laptop", "value", NOW));
    visitor.session.put(SeriesRecordingTokenRepository.SERIES_KEY, "laptop");
    visitor.nextRequest();
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(visitor.request));
    ExpireRememberMeSessionListener listener = listenerOver(repository);

    listener.revoked("alice", sessionData("phone"));
    listener.revoked("alice", sessionData("laptop"));
    listener.revoked("alice", Map.of(PrincipalSessions.PRINCIPAL_NAME_KEY, "alice"));

    assertThat(repository.getTokenForSeries("phone").getDate().toInstant())
        .isEqualTo(SeriesRecordingTokenRepository.EXPIRED);
    assertThat(repository.getTokenForSeries("laptop").getDate().getTime()).isEqualTo(NOW.getTime());
  }

  @Test
  void theListenerExpiresTheSeriesOfTheSessionAskingWhenTheRevocationDeletedThatSessionToo() {
    InMemoryTokenRepositoryImpl tokens = new InMemoryTokenRepositoryImpl();
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("alice", "laptop", "value", NOW));
    visitor.session.put(SeriesRecordingTokenRepository.SERIES_KEY, "laptop");
    visitor.nextRequest();
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(visitor.request));
    assertThat(visitor.session.get(SeriesRecordingTokenRepository.SERIES_KEY))
        .as("the asking request has read its session")
        .isEqualTo("laptop");
    visitor.store.delete(visitor.key());

    listenerOver(repository).revoked("alice", sessionData("laptop"));

    assertThat(repository.getTokenForSeries("laptop").getDate().toInstant())
        .isEqualTo(SeriesRecordingTokenRepository.EXPIRED);
  }

  @Test
  void othersRevokedEndsEveryOtherRememberMeLoginOfTheUserAndKeepsTheKeptSessionsOne() {
    InMemoryTokenRepositoryImpl tokens = new InMemoryTokenRepositoryImpl();
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("alice", "laptop", "value", NOW));
    tokens.createNewToken(new PersistentRememberMeToken("alice", "lost phone", "value", NOW));
    RequestContextHolder.resetRequestAttributes();

    listenerOver(repository).othersRevoked("alice", sessionData("laptop"));

    assertThat(repository.getTokenForSeries("laptop").getDate().getTime()).isEqualTo(NOW.getTime());
    assertThat(repository.getTokenForSeries("lost phone")).isNull();
  }

  @Test
  void othersRevokedKeepsTheSeriesOfTheSessionAskingWhileThatSessionLives() {
    InMemoryTokenRepositoryImpl tokens = new InMemoryTokenRepositoryImpl();
    SeriesRecordingTokenRepository repository = new SeriesRecordingTokenRepository(tokens);
    tokens.createNewToken(new PersistentRememberMeToken("alice", "laptop", "value", NOW));
    tokens.createNewToken(new PersistentRememberMeToken("alice", "lost phone", "value", NOW));
    visitor.session.put(SeriesRecordingTokenRepository.SERIES_KEY, "laptop");
    visitor.nextRequest();
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(visitor.request));
    ExpireRememberMeSessionListener listener = listenerOver(repository);

    listener.othersRevoked("alice", Map.of());

    assertThat(repository.getTokenForSeries("laptop")).isNotNull();
    assertThat(repository.getTokenForSeries("lost phone")).isNull();

    visitor.store.delete(visitor.key());
    listener.othersRevoked("alice", Map.of());

    assertThat(repository.getTokenForSeries("laptop")).isNull();
  }

  @Test
  void theListenerLeavesARepositoryThatRecordsNothingAlone() {
    InMemoryTokenRepositoryImpl tokens = new InMemoryTokenRepositoryImpl();
    tokens.createNewToken(new PersistentRememberMeToken("alice", "phone", "value", NOW));

    listenerOver(tokens).revoked("alice", sessionData("phone"));
    listenerOver(tokens).othersRevoked("alice", Map.of());

    assertThat(tokens.getTokenForSeries("phone").getDate().getTime()).isEqualTo(NOW.getTime());
  }

  private static Map<String, ?> sessionData(String series) {
    return Map.of(
        PrincipalSessions.PRINCIPAL_NAME_KEY,
        "alice",
        SeriesRecordingTokenRepository.SERIES_KEY,
        series);
  }

  private static ExpireRememberMeSessionListener listenerOver(
      PersistentTokenRepository repository) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("tokenRepository", repository);
    return new ExpireRememberMeSessionListener(
        beans.getBeanProvider(PersistentTokenRepository.class));
  }
}
