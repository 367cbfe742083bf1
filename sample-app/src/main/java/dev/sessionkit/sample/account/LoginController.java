package dev.sessionkit.sample.account;

import dev.sessionkit.Session;
import dev.sessionkit.boot.SessionkitProperties;
import dev.sessionkit.sample.csrf.ChecksTestCookie;
import dev.sessionkit.sample.csrf.CsrfTokens;
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
 *   <li>The login page stores the test cookie; the login form checks that it came back, and if it
 *       did not, says that the browser must accept cookies.
 *   <li>A successful login moves the session to a new key ({@link Session#cycleKey()}, against
 *       session fixation), which keeps the cart, and gives it a new form token.
 *   <li>"Remember me" unticked: the cookie ends when the browser closes; ticked: it lasts {@code
 *       sessionkit.max-age}.
 *   <li>Log out ends the session ({@link Session#flush()}): data, record and cookie are gone.
 * </ul>
 */
@Controller
public class LoginController {

  private final DemoUsers users;
  private final CsrfTokens csrfTokens;
  private final Duration rememberFor;

  /**
   * A controller logging in {@code users}, remembering a user who asks for it for the configured
   * {@code sessionkit.max-age} (14 days by default).
   */
  public LoginController(DemoUsers users, CsrfTokens csrfTokens, SessionkitProperties properties) {
    this.users = users;
    this.csrfTokens = csrfTokens;
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
      Model model) {
    if (!session.testCookieWorked()) {
      session.setTestCookie();
      return loginPage(
          model,
          username,
          rememberMe,
          "Your browser did not send back the session cookie. This shop keeps your login in a "
              + "session, so please allow cookies for this site and try again.");
    }
    Optional<DemoUser> user = users.authenticate(username, password);
    if (user.isEmpty()) {
      return loginPage(
          model,
          username,
          rememberMe,
          "Unknown user name or wrong password. The demo users are listed below.");
    }
    session.deleteTestCookie();
    session.cycleKey();
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
