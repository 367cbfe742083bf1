package dev.sessionkit.sample.account;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages around Spring Security's login and logout: the login form (Spring Security handles its
 * POST), "Your account" (only for a logged-in visitor: an anonymous one is sent to the login first,
 * and back here after it), and the page after logout.
 */
@Controller
public class LoginController {

  private final DemoUsers users;

  /** A controller showing {@code users} on the login page. */
  public LoginController(DemoUsers users) {
    this.users = users;
  }

  /** Shows the login form, with what went wrong after a failed attempt. */
  @GetMapping("/login")
  public String loginForm(@RequestParam(required = false) @Nullable String error, Model model) {
    model.addAttribute(
        "error",
        error == null
            ? null
            : "Unknown user name or wrong password. The demo users are listed below.");
    model.addAttribute("demoUsers", users.credentials());
    return "login";
  }

  /** Shows the logged-in visitor's account. */
  @GetMapping("/account")
  public String account(Principal principal, Model model) {
    model.addAttribute("username", principal.getName());
    return "account";
  }

  /** Confirms the logout. */
  @GetMapping("/logged-out")
  public String loggedOut() {
    return "logged-out";
  }
}
