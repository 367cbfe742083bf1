package dev.sessionkit.boot.web;

import dev.sessionkit.Session;
import jakarta.servlet.ServletRequest;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The {@link Session} of the request being handled, for code that has no request at hand.
 *
 * <pre>{@code
 * @Service
 * class Cart {
 *   private final Session session;   // the starter injects proxy()
 *   Cart(Session session) { this.session = session; }
 *   void add(String sku) { session.put("cart", ...); }   // acts on the current request's session
 * }
 * }</pre>
 *
 * <p>The current request is found through Spring's {@link RequestContextHolder}, which Spring MVC
 * sets for the thread that handles a request.
 */
public final class CurrentSession {

  private static final Session PROXY =
      (Session)
          Proxy.newProxyInstance(
              Session.class.getClassLoader(),
              new Class<?>[] {Session.class},
              new CurrentSessionHandler());

  private CurrentSession() {}

  /** The session that {@link SessionFilter} bound to {@code request}, or null if it did not run. */
  public static @Nullable Session of(ServletRequest request) {
    return request.getAttribute(SessionFilter.SESSION_ATTRIBUTE) instanceof Session session
        ? session
        : null;
  }

  /**
   * The session of the request this thread is handling.
   *
   * @throws IllegalStateException when the thread handles no request, or the session filter did not
   *     run for it
   */
  public static Session get() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes == null) {
      throw new IllegalStateException(
          "No current request: a sessionkit Session bean can only be"
              + " used by a thread that is handling an HTTP request. Outside a request (scheduled"
              + " jobs, other threads), open a session from the SessionStore bean instead.");
    }
    Session current = sessionIn(attributes);
    if (current == null) {
      throw new IllegalStateException(
          "The current request has no sessionkit Session: the"
              + " SessionFilter did not run for it (check that its FilterRegistrationBean maps this"
              + " URL and dispatcher type).");
    }
    return current;
  }

  /**
   * The session of the request this thread is handling, or null when the thread handles no request
   * or the session filter did not run for it: for code that also runs outside requests.
   */
  public static @Nullable Session current() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    return attributes == null ? null : sessionIn(attributes);
  }

  private static @Nullable Session sessionIn(RequestAttributes attributes) {
    return attributes.getAttribute(SessionFilter.SESSION_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
            instanceof Session session
        ? session
        : null;
  }

  /**
   * A {@link Session} that forwards every call to the current request's session ({@link #get()}),
   * so a singleton can hold it: a request-scoped proxy. {@code toString}, {@code equals} and {@code
   * hashCode} concern the proxy itself and work outside a request.
   */
  public static Session proxy() {
    return PROXY;
  }

  private static final class CurrentSessionHandler implements InvocationHandler {

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args)
        throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> args != null && proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "Session proxy for the current request";
        };
      }
      try {
        return method.invoke(get(), args);
      } catch (InvocationTargetException ex) {
        throw ex.getCause();
      }
    }
  }
}
