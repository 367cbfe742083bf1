package dev.sessionkit.sample.account;

import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Your devices": the logged-in user's sessions, from the store's principal index ({@link
 * PrincipalSessions}), and "Sign out other devices", which deletes all of them but the one asking;
 * each other browser is logged out at its next request, and stays out even with a remember-me
 * cookie (the starter ends every persistent remember-me login of the user but this device's, that
 * of a device whose session had already expired too). A backend without the index (the cookie
 * backends: a session lives in its browser only) cannot list or revoke anything, and the page says
 * so instead.
 */
@Controller
public class DevicesController {

  private final @Nullable PrincipalSessions sessions;

  /** The devices page for the sessions in {@code store}. */
  public DevicesController(SessionStore store) {
    this.sessions = principalIndexOf(store);
  }

  /** Lists the user's sessions, the current one marked. */
  @GetMapping("/account/devices")
  public String devices(Principal principal, Session session, Model model) {
    model.addAttribute("listed", sessions != null);
    if (sessions != null) {
      model.addAttribute(
          "devices",
          sessions.sessionsOf(principal.getName(), session.getSessionKey()).stream()
              .map(Device::of)
              .toList());
    }
    return "devices";
  }

  /** Signs out every other session of the user, then shows the page again, saying how many. */
  @PostMapping("/account/devices/sign-out-others")
  public String signOutOthers(Principal principal, Session session, RedirectAttributes redirect) {
    if (sessions != null) {
      int signedOut = sessions.revokeOthers(principal.getName(), session.getSessionKey());
      redirect.addFlashAttribute("message", signedOutMessage(signedOut));
    }
    return "redirect:/account/devices";
  }

  static String signedOutMessage(int signedOut) {
    return switch (signedOut) {
      case 0 -> "No other device was signed in.";
      case 1 -> "Signed out 1 other device.";
      default -> "Signed out " + signedOut + " other devices.";
    };
  }

  /** The store as a principal index, or null when its backend keeps none. */
  static @Nullable PrincipalSessions principalIndexOf(SessionStore store) {
    return store instanceof PrincipalSessions index && index.listsSessions() ? index : null;
  }
}
