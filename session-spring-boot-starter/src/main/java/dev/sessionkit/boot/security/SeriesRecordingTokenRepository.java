package dev.sessionkit.boot.security;

import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.boot.web.CurrentSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.authentication.rememberme.PersistentRememberMeToken;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A {@link PersistentTokenRepository} that records, in the current request's sessionkit {@link
 * Session}, the remember-me series that the session's login created ({@link #createNewToken}) or
 * used ({@link #updateToken}), under {@link #SERIES_KEY}; every call goes on to the repository it
 * wraps. When {@link PrincipalSessions#revoke} or {@link PrincipalSessions#revokeOthers} signs that
 * session out, {@link ExpireRememberMeSessionListener} expires the series through {@link
 * #expireSeries}, so that the device's remember-me cookie does not log it in again.
 *
 * <p>The starter wraps every bean declared as {@code PersistentTokenRepository} (the {@code @Bean}
 * method's return type; a bean declared as its concrete class is left alone, with a warning) in one
 * of these; pass the bean to {@code rememberMe(r -> r.tokenRepository(repository))}. Only
 * persistent-token remember-me ({@link PersistentTokenBasedRememberMeServices}) can be revoked per
 * device: the hash-based default ({@code TokenBasedRememberMeServices}, {@code
 * rememberMe().key(...)}) keeps nothing on the server, and its cookie stays valid until it expires,
 * the user's password changes or the key does.
 *
 * <p>A series is expired by writing it back with its token value and a last-used date in 1970
 * ({@link #expireSeries}). A repository that ignores the date it is given (Spring Security's {@code
 * InMemoryTokenRepositoryImpl} stores the current time) has the series remembered as expired here
 * instead, in memory, which is as long-lived and as local as that repository; a shared repository
 * must honour the date ({@code JdbcTokenRepositoryImpl} does).
 *
 * <p>The current request is found through Spring's {@code RequestContextHolder}, which Spring MVC's
 * {@code RequestContextFilter} sets before Spring Security's filters run. Outside a request, or in
 * a request the sessionkit filter did not see, nothing is recorded. Thread-safe when the wrapped
 * repository is.
 */
public final class SeriesRecordingTokenRepository implements PersistentTokenRepository {

  /** The session data key holding the remember-me series of the session's login. */
  public static final String SERIES_KEY = "_remember_me_series";

  /**
   * The request attribute holding the series recorded during the request, so that a login that
   * starts the session afresh ({@link CycleSessionKeyAuthenticationStrategy}, over another user's
   * login) keeps the series of the remember-me login that just happened, and nothing older.
   */
  static final String RECORDED_ATTRIBUTE =
      SeriesRecordingTokenRepository.class.getName() + ".SERIES";

  /**
   * The last-used date an expired series gets: far enough in the past to fail any token validity
   * shorter than the time since then (Spring Security's default is two weeks), and within the range
   * of a MariaDB or MySQL {@code TIMESTAMP} column, which starts at 1970-01-01 00:00:01 UTC.
   */
  static final Instant EXPIRED = Instant.parse("1970-01-02T00:00:00Z");

  /** Before this, a stored last-used date is taken for one that {@link #expireSeries} wrote. */
  private static final Instant EXPIRED_WRITTEN = EXPIRED.plus(Duration.ofDays(1));

  private final PersistentTokenRepository repository;

  /**
   * Series expired while the repository kept a later date, with their user: read as expired until
   * the user's tokens are removed.
   */
  private final Map<String, String> expiredHere = new ConcurrentHashMap<>();

  /** Records the series of the tokens that {@code repository} stores. */
  public SeriesRecordingTokenRepository(PersistentTokenRepository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  @Override
  public void createNewToken(PersistentRememberMeToken token) {
    repository.createNewToken(token);
    record(token.getSeries());
  }

  @Override
  public void updateToken(String series, String tokenValue, Date lastUsed) {
    repository.updateToken(series, tokenValue, lastUsed);
    record(series);
  }

  @Override
  public @Nullable PersistentRememberMeToken getTokenForSeries(String seriesId) {
    PersistentRememberMeToken token = repository.getTokenForSeries(seriesId);
    if (token != null && token.getUsername().equals(expiredHere.get(seriesId))) {
      return new PersistentRememberMeToken(
          token.getUsername(), token.getSeries(), token.getTokenValue(), Date.from(EXPIRED));
    }
    return token;
  }

  @Override
  public void removeUserTokens(String username) {
    repository.removeUserTokens(username);
    expiredHere.values().removeIf(username::equals);
  }

  /**
   * Makes the series {@code series} of {@code username} expired, keeping its token value, so that
   * {@link PersistentTokenBasedRememberMeServices} rejects its cookie as an expired login (and
   * deletes the cookie) rather than as a stolen one. Recorded in no session.
   *
   * @return whether the repository held that series for that user
   */
  boolean expireSeries(String username, String series) {
    PersistentRememberMeToken token = repository.getTokenForSeries(series);
    if (token == null || !username.equals(token.getUsername())) {
      return false;
    }
    repository.updateToken(series, token.getTokenValue(), Date.from(EXPIRED));
    PersistentRememberMeToken written = repository.getTokenForSeries(series);
    if (written != null && !written.getDate().toInstant().isBefore(EXPIRED_WRITTEN)) {
      expiredHere.put(series, username);
    }
    return true;
  }

  /**
   * Removes every token of {@code username} except those of the series in {@code kept} (of that
   * user, and not expired), which stay as they were: same series, token value and last-used date.
   * The repository has no call for that, so the kept tokens are read, all of the user's removed
   * ({@code removeUserTokens}), and the kept ones created again; a remember-me login by a kept
   * cookie at that very moment can find its token missing and fail. Recorded in no session.
   *
   * @param kept the series to keep; expired ones and other users' are left out
   */
  void removeUserTokensExcept(String username, Collection<String> kept) {
    List<PersistentRememberMeToken> keep = new ArrayList<>();
    for (String series : new LinkedHashSet<>(kept)) {
      PersistentRememberMeToken token = getTokenForSeries(series);
      if (token != null
          && username.equals(token.getUsername())
          && !token.getDate().toInstant().isBefore(EXPIRED_WRITTEN)) {
        keep.add(token);
      }
    }
    removeUserTokens(username);
    keep.forEach(repository::createNewToken);
  }

  /** The repository this one records for. */
  PersistentTokenRepository repository() {
    return repository;
  }

  private static void record(String series) {
    Session session = CurrentSession.current();
    if (session == null) {
      return;
    }
    RequestContextHolder.currentRequestAttributes()
        .setAttribute(RECORDED_ATTRIBUTE, series, RequestAttributes.SCOPE_REQUEST);
    if (!series.equals(session.get(SERIES_KEY, String.class))) {
      session.put(SERIES_KEY, series);
    }
  }

  @Override
  public String toString() {
    return "SeriesRecordingTokenRepository[" + repository + "]";
  }
}
