package dev.sessionkit.boot.security;

import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;

/**
 * At login, moves the visitor's sessionkit {@link Session} to a new key ({@link
 * Session#cycleKey()}) with its data (a cart, the saved request), so that a key an attacker planted
 * before the login is worthless after it: Django's protection against session fixation, in place of
 * Spring Security's {@code ChangeSessionIdAuthenticationStrategy}, which changes the container
 * session's id.
 *
 * <p>The principal's name goes into the session before the key changes, so that the new record
 * names its user from the start: a backend that places a user's sessions beside its index (Redis,
 * in the hash slot of the index) chooses the new key for it, and writes record and index at once.
 */
public final class CycleSessionKeyAuthenticationStrategy implements SessionAuthenticationStrategy {

  @Override
  public void onAuthentication(
      Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
    Session session = RequestSessions.require(request, "login");
    String previous = SessionSecurityContextRepository.principalName(session);
    boolean otherUser = previous != null && !previous.equals(authentication.getName());
    if (otherUser) {
      session.flush();
      // A remember-me login records its series before this runs: it belongs to the new login.
      if (request.getAttribute(SeriesRecordingTokenRepository.RECORDED_ATTRIBUTE)
          instanceof String series) {
        session.put(SeriesRecordingTokenRepository.SERIES_KEY, series);
      }
    }
    session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, authentication.getName());
    if (!otherUser) {
      session.cycleKey();
    }
  }
}
