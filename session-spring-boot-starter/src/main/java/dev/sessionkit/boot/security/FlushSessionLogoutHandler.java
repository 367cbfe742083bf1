package dev.sessionkit.boot.security;

import dev.sessionkit.Session;
import dev.sessionkit.boot.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * At logout, ends the visitor's sessionkit {@link Session} ({@link Session#flush()}): its data and
 * its record are deleted and the session cookie is removed with the response, as Django's logout
 * does.
 */
public final class FlushSessionLogoutHandler implements LogoutHandler {

  @Override
  public void logout(
      HttpServletRequest request,
      HttpServletResponse response,
      @Nullable Authentication authentication) {
    Session session = CurrentSession.of(request);
    if (session != null) {
      session.flush();
    }
  }
}
