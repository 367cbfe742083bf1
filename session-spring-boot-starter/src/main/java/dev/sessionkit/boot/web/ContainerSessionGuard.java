package dev.sessionkit.boot.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Watches for code that makes the servlet container create an {@code HttpSession} (and its {@code
 * JSESSIONID} cookie) beside the sessionkit session: a second session that lives in the container's
 * memory, is lost on restart and is not shared between instances.
 *
 * <p>The filter wraps the request; when {@code getSession()} or {@code getSession(true)} would
 * create a container session, it finds the calling class on the stack (the first frame that is not
 * a request wrapper or one of Spring's request helpers) and either logs one warning per calling
 * class and lets the session be created, or, when constructed to fail, throws {@link
 * IllegalStateException} naming the caller, so that nothing creates one unnoticed. A container
 * session that exists already, and {@code getSession(false)}, pass through untouched.
 */
public class ContainerSessionGuard extends OncePerRequestFilter {

  /** The order the starter registers this filter at: right after the {@link SessionFilter}. */
  public static final int DEFAULT_ORDER = SessionFilter.DEFAULT_ORDER + 1;

  private static final System.Logger LOG = System.getLogger(ContainerSessionGuard.class.getName());

  /** How many distinct calling classes are remembered as warned about (then: no more warnings). */
  private static final int MAX_WARNED_CALLERS = 256;

  private static final StackWalker STACK =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private final boolean failOnCreation;
  private final Set<String> warnedCallers = ConcurrentHashMap.newKeySet();

  /**
   * @param failOnCreation whether creating a container session throws, instead of logging a warning
   */
  public ContainerSessionGuard(boolean failOnCreation) {
    this.failOnCreation = failOnCreation;
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new GuardedRequest(request), response);
  }

  /** Logs or throws for a container session about to be created by {@code caller}. */
  private void creating(String caller) {
    String message =
        caller
            + " asked the servlet container for a new HttpSession (cookie JSESSIONID), a second"
            + " session beside sessionkit's, kept in the container's memory. Keep the data in the"
            + " sessionkit Session instead";
    if (failOnCreation) {
      throw new IllegalStateException(
          message + "; sessionkit.container-session=fail forbids container sessions.");
    }
    if (warnedCallers.size() < MAX_WARNED_CALLERS && warnedCallers.add(caller)) {
      LOG.log(
          Level.WARNING,
          message
              + ", or set sessionkit.container-session=fail to make this an error. (Logged once"
              + " per calling class.)");
    }
  }

  /** The class that called {@code getSession}: the first frame that only passes a request on. */
  static String caller() {
    return STACK.walk(
        frames ->
            frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> !passesRequestOn(type))
                .findFirst()
                .map(Class::getName)
                .orElse("Unknown code"));
  }

  private static boolean passesRequestOn(Class<?> type) {
    return type == ContainerSessionGuard.class
        || ServletRequest.class.isAssignableFrom(type)
        || RequestAttributes.class.isAssignableFrom(type)
        || type.getName().equals("org.springframework.web.util.WebUtils");
  }

  private final class GuardedRequest extends HttpServletRequestWrapper {

    GuardedRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public HttpSession getSession() {
      return getSession(true);
    }

    @Override
    public @Nullable HttpSession getSession(boolean create) {
      if (create && super.getSession(false) == null) {
        creating(caller());
      }
      return super.getSession(create);
    }
  }
}
