package dev.sessionkit.boot.security;

import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.SessionListener;
import dev.sessionkit.boot.web.CurrentSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

/**
 * Ends the persistent remember-me logins of the devices that {@link PrincipalSessions#revoke} or
 * {@link PrincipalSessions#revokeOthers} signs out, in the {@code PersistentTokenRepository} beans,
 * so that a signed-out device's remember-me cookie no longer logs it in.
 *
 * <p>{@link PrincipalSessions#revoke} (one device): the series that the revoked session's login
 * recorded ({@link SeriesRecordingTokenRepository#SERIES_KEY}) is expired, so that Spring Security
 * rejects its cookie as an expired login and deletes it. The other devices' series, and the series
 * of the session asking for the revocation (a second record of the current device, left by a
 * browser that lost its session cookie), stay valid.
 *
 * <p>{@link PrincipalSessions#revokeOthers} ("sign out my other devices"): besides expiring the
 * series of each session it deletes, every remember-me login of the user is then removed except the
 * kept session's (and the asking session's, when it lives on), including those of devices whose
 * session had already expired and so was not listed: a lost phone whose session ended while its
 * remember-me login lives on is signed out too. With a null current key, all of them end.
 *
 * <p>Only repositories wrapped in a {@link SeriesRecordingTokenRepository} are touched (the starter
 * wraps every bean declared as {@code PersistentTokenRepository}). Hash-based remember-me cannot be
 * revoked per device and is left alone.
 */
public final class ExpireRememberMeSessionListener implements SessionListener {

  private final ObjectProvider<PersistentTokenRepository> repositories;

  /** Expires series in the {@link SeriesRecordingTokenRepository}s among {@code repositories}. */
  public ExpireRememberMeSessionListener(ObjectProvider<PersistentTokenRepository> repositories) {
    this.repositories = repositories;
  }

  @Override
  public void revoked(String principalName, Map<String, ?> data) {
    if (!(data.get(SeriesRecordingTokenRepository.SERIES_KEY) instanceof String series)) {
      return;
    }
    if (heldByTheSessionAsking(series)) {
      return;
    }
    wrapped().forEach(repository -> repository.expireSeries(principalName, series));
  }

  @Override
  public void othersRevoked(String principalName, Map<String, ?> keptData) {
    List<String> kept = new ArrayList<>(2);
    if (keptData.get(SeriesRecordingTokenRepository.SERIES_KEY) instanceof String series) {
      kept.add(series);
    }
    Session current = CurrentSession.current();
    String asking =
        current != null
            ? current.get(SeriesRecordingTokenRepository.SERIES_KEY, String.class)
            : null;
    if (asking != null && heldByTheSessionAsking(asking)) {
      kept.add(asking);
    }
    wrapped().forEach(repository -> repository.removeUserTokensExcept(principalName, kept));
  }

  private Stream<SeriesRecordingTokenRepository> wrapped() {
    return repositories
        .orderedStream()
        .filter(SeriesRecordingTokenRepository.class::isInstance)
        .map(SeriesRecordingTokenRepository.class::cast);
  }

  /**
   * Whether the request revoking holds {@code series} in a session that lives on: then the revoked
   * session was an older record of the same device, whose remember-me login is the current one.
   * When the revocation deleted the asking session itself ({@code revokeOthers(name, null)}), the
   * series is expired with it.
   */
  private static boolean heldByTheSessionAsking(String series) {
    Session current = CurrentSession.current();
    if (current == null
        || !series.equals(current.get(SeriesRecordingTokenRepository.SERIES_KEY, String.class))) {
      return false;
    }
    String key = current.getSessionKey();
    return key == null || current.exists(key);
  }
}
