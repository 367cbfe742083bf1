package dev.sessionkit.sample.csrf;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Answers a rejected form with 403 and a page that says why; when the session held no token, the
 * page explains that the shop needs cookies.
 */
@ControllerAdvice
public class CsrfFailureHandler {

  /** Renders the 403 page. */
  @ExceptionHandler(CsrfTokenMismatchException.class)
  @ResponseStatus(HttpStatus.FORBIDDEN)
  public String csrfFailure(CsrfTokenMismatchException exception, Model model) {
    model.addAttribute("cookiesMissing", !exception.sessionHadToken());
    return "csrf-failure";
  }
}
