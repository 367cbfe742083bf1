package dev.sessionkit.sample.account;

import dev.sessionkit.Session;
import dev.sessionkit.boot.SessionkitProperties;
import dev.sessionkit.sample.csrf.ChecksTestCookie;
import dev.sessionkit.sample.csrf.CsrfTokens;
import dev.sessionkit.sample.csrf.SessionCookies;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Log in and log out, the way Django's auth views use the session.
 *
 * <ul>
 *   <li>The login page stores the test cookie; the login form checks that it came back. If it did
 *       not, and the browser sent no session cookie, the page says that the browser must accept
 *       cookies; if the browser sent one, its session is gone (expired, or lost in a restart) or
 *       the form was stale: the page says so and stores the test cookie again for the retry.
 *   <li>A successful login moves the session to a new key ({@link Session#cycleKey()}, against
 *       session fixation), which keeps the cart, and gives it a new form token. When another user
 *       was logged in, their session is ended instead ({@link Session#flush()}, as Django does):
 *       the new user starts a fresh session and never sees the previous user's cart.
 *   <li>"Remember me" unticked: the cookie ends when the browser closes; ticked: it lasts {@code
 *       sessionkit.max-age}.
 *   <li>Log out ends the session ({@link Session#flush()}): data, record and cookie are gone.
 * </ul>
 */
@Controller
public class LoginController {

  private final DemoUsers users;
  private final CsrfTokens csrfTokens;
  private final SessionCookies sessionCookies;
  private final Duration rememberFor;

  /**
   * A controller logging in {@code users}, remembering a user who asks for it for the configured
   * {@code sessionkit.max-age} (14 days by default).
   */
  public LoginController(
      DemoUsers users,
      CsrfTokens csrfTokens,
      SessionCookies sessionCookies,
      SessionkitProperties properties) {
    this.users = users;
    this.csrfTokens = csrfTokens;
    this.sessionCookies = sessionCookies;
    this.rememberFor = properties.getMaxAge();
  }

  /** Shows the login form and stores the test cookie. */
  @GetMapping("/login")
  public String loginForm(Session session, Model model) {
    session.setTestCookie();
    return loginPage(model, "", false, null);
  }

  /** Logs a user in, or shows the form again with what went wrong. */
  @ChecksTestCookie
  @PostMapping("/login")
  public String logIn(
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "false") boolean rememberMe,
      Session session,
      HttpServletRequest request,
      Model model) {
    if (!session.testCookieWorked()) {
      session.setTestCookie();
      return loginPage(
          model,
          username,
          rememberMe,
          sessionCookies.sentWith(request)
              ? "Your session expired (or the form was out of date), so you are not logged in."
                  + " Please try again."
              : "Your browser did not send back the session cookie. This shop keeps your login"
                  + " in a session, so please allow cookies for this site and try again.");
    }
    Optional<DemoUser> user = users.authenticate(username, password);
    if (user.isEmpty()) {
      return loginPage(
          model,
          username,
          rememberMe,
          "Unknown user name or wrong password. The demo users are listed below.");
    }
    String previousUser = LoginSession.username(session);
    if (previousUser != null && !previousUser.equals(user.get().username())) {
      // Someone else's session: end it, data and record, so nothing of theirs (their cart) passes
      // to the new user. The new user's session is created under a fresh key when it is saved.
      session.flush();
    } else {
      session.deleteTestCookie();
      session.cycleKey();
    }
    csrfTokens.rotate(session);
    LoginSession.logIn(session, user.get().username());
    if (rememberMe) {
      session.setExpiry(rememberFor);
    } else {
      session.setExpiryAtBrowserClose();
    }
    return "redirect:/";
  }

  /** Logs out: ends the session, then shows a page without forms (so no new session starts). */
  @PostMapping("/logout")
  public String logOut(Session session) {
    session.flush();
    return "redirect:/logged-out";
  }

  /** Confirms the logout. */
  @GetMapping("/logged-out")
  public String loggedOut() {
    return "logged-out";
  }

  private String loginPage(
      Model model, String username, boolean rememberMe, @Nullable String error) {
    model.addAttribute("username", username);
    model.addAttribute("rememberMe", rememberMe);
    model.addAttribute("error", error);
    model.addAttribute("demoUsers", users.credentials());
    return "login";
  }
}
