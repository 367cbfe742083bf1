package dev.sessionkit.boot.web;

import dev.sessionkit.Session;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a handler method's {@link Session} parameter the request's session.
 *
 * <pre>{@code
 * @PostMapping("/cart")
 * String add(@RequestParam String sku, Session session) { ... }
 * }</pre>
 */
public final class SessionArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Session.class;
  }

  /**
   * @throws IllegalStateException when {@link SessionFilter} did not run for the request
   */
  @Override
  public Session resolveArgument(
      MethodParameter parameter,
      @Nullable ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      @Nullable WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    Session session = request == null ? null : CurrentSession.of(request);
    if (session == null) {
      throw new IllegalStateException(
          "Parameter '"
              + parameter.getParameterName()
              + "' of "
              + parameter.getExecutable().toGenericString()
              + " asks for the sessionkit Session, but"
              + " the SessionFilter did not run for this request (check that its"
              + " FilterRegistrationBean maps this URL and dispatcher type).");
    }
    return session;
  }
}
