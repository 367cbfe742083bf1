package dev.sessionkit.boot.security;

import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.SessionListener;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

/**
 * When {@link PrincipalSessions#revoke} or {@link PrincipalSessions#revokeOthers} signs a session
 * out, expires the persistent remember-me series its login recorded ({@link
 * SeriesRecordingTokenRepository#SERIES_KEY}) in the {@code PersistentTokenRepository} beans, so
 * that the signed-out device's remember-me cookie no longer logs it in: Spring Security rejects it
 * as an expired login and deletes it. The other devices' series, and the series of the session
 * asking for the revocation (a second record of the current device, left by a browser that lost its
 * session cookie), stay valid.
 *
 * <p>Only repositories wrapped in a {@link SeriesRecordingTokenRepository} are touched (the starter
 * wraps every {@code PersistentTokenRepository} bean). Hash-based remember-me cannot be revoked per
 * device and is left alone.
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
    repositories
        .orderedStream()
        .filter(SeriesRecordingTokenRepository.class::isInstance)
        .map(SeriesRecordingTokenRepository.class::cast)
        .forEach(repository -> repository.expireSeries(principalName, series));
  }

  /**
   * Whether the request revoking holds {@code series} in a session that lives on: then the revoked
   * session was an older record of the same device, whose remember-me login is the current one.
   * When the revocation deleted the asking session itself ({@code revokeOthers(name, null)}), the
   * series is expired with it.
   */
  private static boolean heldByTheSessionAsking(String series) {
    Session current = SeriesRecordingTokenRepository.currentSession();
    if (current == null
        || !series.equals(current.get(SeriesRecordingTokenRepository.SERIES_KEY, String.class))) {
      return false;
    }
    String key = current.getSessionKey();
    return key == null || current.exists(key);
  }
}
