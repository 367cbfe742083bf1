package dev.sessionkit.boot.web;

import dev.sessionkit.SessionConflictException;
import dev.sessionkit.SessionInterruptedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers as {@link SessionFilter} does when loading or saving the session failed inside Spring
 * MVC's handling of a request: 400 for a {@link SessionInterruptedException} (the session was
 * deleted meanwhile), 409 for a {@link SessionConflictException} (the save could not be merged with
 * concurrent ones), 503 with {@code Retry-After} for any other {@link
 * dev.sessionkit.SessionStoreException} (the backend is unreachable), except a {@link
 * dev.sessionkit.SessionTooLargeException}, left to the application.
 *
 * <p>The filter saves the session just before the response is committed, and that moment can come
 * while Spring MVC is still invoking the handler: a {@code @ResponseBody} large enough to fill the
 * buffer, or a flush in the handler. The exception then reaches Spring MVC's exception resolvers
 * before the filter, and an application's {@code @ExceptionHandler(Exception.class)} would turn it
 * into 500. The same holds for a handler that reads its session while the backend is down.
 * Registered first among the resolvers (the starter does this through a {@code WebMvcConfigurer}),
 * this one resets the uncommitted response and writes the filter's answer. It leaves every other
 * exception, and a response already committed, to the next resolver.
 *
 * <pre>{@code
 * public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
 *   resolvers.add(0, new SessionInterruptedExceptionResolver("sessionid"));
 * }
 * }</pre>
 */
public final class SessionInterruptedExceptionResolver implements HandlerExceptionResolver {

  private static final Log logger = LogFactory.getLog(SessionInterruptedExceptionResolver.class);

  private final @Nullable String sessionCookieName;

  /**
   * A resolver that does not know the session cookie's name: an answer keeps every cookie the
   * response held, the session cookie and its flash marker too.
   */
  public SessionInterruptedExceptionResolver() {
    this.sessionCookieName = null;
  }

  /**
   * A resolver whose answers drop the session cookie named {@code sessionCookieName} and its flash
   * marker, and keep the application's cookies.
   */
  public SessionInterruptedExceptionResolver(String sessionCookieName) {
    this.sessionCookieName = sessionCookieName;
  }

  @Override
  public @Nullable ModelAndView resolveException(
      HttpServletRequest request,
      HttpServletResponse response,
      @Nullable Object handler,
      Exception ex) {
    SaveFailureAnswer answer = SaveFailureAnswer.of(ex);
    if (answer == null || response.isCommitted()) {
      return null;
    }
    answer.log(ex);
    try {
      answer.writeTo(response, sessionCookieName);
    } catch (IOException | RuntimeException failure) {
      logger.debug("Could not answer " + answer.status() + " to a failed session save", failure);
      return null;
    }
    logger.debug(
        "The session could not be loaded or saved ("
            + ex.getClass().getSimpleName()
            + "); answered "
            + answer.status());
    return new ModelAndView();
  }
}
