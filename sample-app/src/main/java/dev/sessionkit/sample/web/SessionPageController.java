package dev.sessionkit.sample.web;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The "session" page: what sessionkit keeps for this visitor (backend, shortened key, expiry,
 * stored keys). It only reads the session.
 */
@Controller
public class SessionPageController {

  private final SessionStore store;

  /** A page describing sessions kept in {@code store}. */
  public SessionPageController(SessionStore store) {
    this.store = store;
  }

  /** Shows the session. */
  @GetMapping("/session")
  public String session(Session session, Model model) {
    model.addAttribute("summary", SessionSummary.of(store, session));
    return "session";
  }
}
