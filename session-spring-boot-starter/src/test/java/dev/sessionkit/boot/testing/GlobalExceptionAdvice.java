package dev.sessionkit.boot.testing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What many applications have: one {@code @ExceptionHandler} for every {@link Exception}, answering
 * 500. Active only with the property {@value #PROPERTY}.
 */
@RestControllerAdvice
@ConditionalOnBooleanProperty(GlobalExceptionAdvice.PROPERTY)
public class GlobalExceptionAdvice {

  /** The property that switches this advice on. */
  public static final String PROPERTY = "sessionkit-test.global-exception-handler";

  /** The start of the body this advice answers with. */
  public static final String BODY = "handled globally: ";

  @ExceptionHandler(Exception.class)
  ResponseEntity<String> handle(Exception ex) {
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(BODY + ex);
  }
}
