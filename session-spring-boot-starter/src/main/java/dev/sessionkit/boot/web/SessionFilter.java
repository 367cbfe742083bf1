package dev.sessionkit.boot.web;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConflictException;
import dev.sessionkit.SessionInterruptedException;
import dev.sessionkit.SessionStore;
import dev.sessionkit.SessionStoreException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Django's {@code SessionMiddleware} as a servlet filter: binds the visitor's {@link Session} to
 * the request and writes it back, with its cookie, before the response is committed.
 *
 * <pre>{@code
 * FilterRegistrationBean<SessionFilter> registration =
 *     new FilterRegistrationBean<>(new SessionFilter(store, SessionCookie.named("sessionid"), false));
 * registration.setOrder(SessionFilter.DEFAULT_ORDER);
 * }</pre>
 *
 * <p>Design. On the way in, the filter reads the session cookie (none, or a malformed value, mean
 * "no session"; {@link SessionStore#open} ignores any value that is not a valid key) and binds a
 * lazy session under {@link #SESSION_ATTRIBUTE}: a request that never touches it costs the backend
 * nothing. When several cookies of the name arrive (a sibling subdomain's, or one left from before
 * a change of the cookie's domain or path), it uses the first whose session loads, and never sends
 * a deletion, which could only match this application's own cookie. On the way out, just before the
 * response is committed (see {@link BeforeCommitResponseWrapper}: a flush, a redirect, an error, a
 * full buffer, the declared length written, or the end of the chain), it applies Django's rules:
 *
 * <ul>
 *   <li>{@code Vary: Cookie} when the session was accessed, and whenever the cookie is set or
 *       deleted;
 *   <li>the request carried the cookie and the session is now empty: delete the cookie;
 *   <li>otherwise, when the session was modified (or {@code saveEveryRequest}) and is not empty,
 *       the status is below 500 and no exception escaped the handler: save it and set the cookie,
 *       with {@code Max-Age}/{@code Expires} from the session's expiry, or neither when it ends
 *       with the browser.
 * </ul>
 *
 * <p>A session whose client sent a key that has no record (a stale cookie) and that was not changed
 * is not written, even with {@code saveEveryRequest}: it gets its cookie deleted instead, so that
 * anonymous requests never fill the store.
 *
 * <p>A save that finds the session deleted meanwhile (another request logged the visitor out)
 * raises {@link SessionInterruptedException}; while the response is not committed, the filter
 * resets it and answers 400 Bad Request with a short text, never 500. A save that could not be
 * merged with the concurrent saves of other requests of the same visitor, however often it tried,
 * raises {@link SessionConflictException}, answered alike with 409 Conflict: nothing is down, the
 * request may simply be sent again. A backend that fails (the database or Redis unreachable, a
 * timeout), while the handler loads the session or while the filter saves it, raises a {@link
 * SessionStoreException}, answered with 503 Service Unavailable and {@code Retry-After}: never an
 * empty session that would drop the visitor's login, and a request that does not touch its session
 * never reaches the backend, so it is unaffected. A {@link dev.sessionkit.SessionTooLargeException}
 * is the application's error and stays one. {@link SaveFailureAnswer} decides these answers. When
 * the save runs inside a Spring MVC handler (a body that fills the buffer, a flush), the exception
 * reaches Spring MVC first; {@link SessionInterruptedExceptionResolver} gives the same answers
 * there, before any application {@code @ExceptionHandler} can turn them into 500. Asynchronous
 * requests are finished when their last dispatch returns, or, when the application completes them
 * itself ({@code AsyncContext.complete()}), just before they complete ({@link
 * SessionAsyncRequest}).
 */
public class SessionFilter extends OncePerRequestFilter {

  /**
   * The order the starter registers this filter at: early, and before Spring Security's filter
   * chain ({@code SecurityProperties.DEFAULT_FILTER_ORDER}, -100), so security sees the session.
   */
  public static final int DEFAULT_ORDER = -110;

  /** The request attribute that holds the request's {@link Session}. */
  public static final String SESSION_ATTRIBUTE = Session.class.getName();

  /** The body of the 400 answer to a request whose session was deleted while it ran. */
  static final String INTERRUPTED_MESSAGE =
      "The session was ended by another request (for"
          + " example a logout) while this request was running, so its changes were not saved."
          + " Please try again.\n";

  /**
   * The body of the 409 answer to a request whose changes could not be merged with the concurrent
   * saves of the same session.
   */
  static final String CONFLICT_MESSAGE =
      "The session was saved by many other requests at the same time, so this request's changes"
          + " could not be saved. Please try again.\n";

  /**
   * The body of the 503 answer to a request whose session could not be loaded or saved because the
   * backend failed.
   */
  static final String UNAVAILABLE_MESSAGE =
      "The session store is unavailable at the moment, so this request could not be served."
          + " Please try again shortly.\n";

  /** How many distinct values of several session cookies are tried, each costing a load. */
  static final int MAX_COOKIES_TRIED = 3;

  private static final String FINISHER_ATTRIBUTE = SessionFilter.class.getName() + ".FINISHER";

  private final SessionStore store;
  private final SessionCookie cookie;
  private final boolean saveEveryRequest;

  /**
   * @param store where sessions are loaded from and saved to
   * @param cookie the session cookie's name and attributes
   * @param saveEveryRequest whether to save every non-empty session, changed or not
   */
  public SessionFilter(SessionStore store, SessionCookie cookie, boolean saveEveryRequest) {
    this.store = Objects.requireNonNull(store, "store");
    this.cookie = Objects.requireNonNull(cookie, "cookie");
    this.saveEveryRequest = saveEveryRequest;
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object pending = request.getAttribute(FINISHER_ATTRIBUTE);
    if (isAsyncDispatch(request) && pending instanceof Finisher finisher) {
      request.removeAttribute(FINISHER_ATTRIBUTE);
      run(request, response, chain, finisher, response);
      return;
    }
    List<String> values = cookie.valuesIn(request);
    Session session;
    try {
      session = open(values);
    } catch (SessionStoreException ex) {
      answerOrRethrow(ex, response);
      return;
    }
    request.setAttribute(SESSION_ATTRIBUTE, session);
    Finisher finisher = new Finisher(session, values.size(), response);
    BeforeCommitResponseWrapper wrapped =
        new BeforeCommitResponseWrapper(response, finisher::beforeCommit);
    finisher.wrapper = wrapped;
    HttpServletRequest passedOn =
        new SessionAsyncRequest(request, wrapped, () -> finishAtComplete(finisher, response));
    run(passedOn, response, chain, finisher, wrapped);
  }

  /**
   * Finishes a request whose handler completes its asynchronous processing itself ({@code
   * AsyncContext.complete()}, which no dispatch follows), answering a failure as {@link #run} does.
   */
  private void finishAtComplete(Finisher finisher, HttpServletResponse response) {
    try {
      finisher.finish();
    } catch (SessionInterruptedException | SessionStoreException ex) {
      try {
        answerOrRethrow(ex, response);
      } catch (IOException writeFailed) {
        ex.addSuppressed(writeFailed);
        throw ex;
      }
    }
  }

  private void run(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      Finisher finisher,
      HttpServletResponse passedOn)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, passedOn);
    } catch (ServletException | IOException | RuntimeException | Error ex) {
      SaveFailureAnswer answer = SaveFailureAnswer.of(ex);
      if (answer != null && !response.isCommitted()) {
        answer.log(ex);
        answer.writeTo(response, cookie.name());
        return;
      }
      finisher.failed = true;
      try {
        finisher.finish();
      } catch (RuntimeException suppressed) {
        ex.addSuppressed(suppressed);
      }
      throw ex;
    }
    if (request.isAsyncStarted()) {
      request.setAttribute(FINISHER_ATTRIBUTE, finisher);
      return;
    }
    try {
      finisher.finish();
    } catch (SessionInterruptedException | SessionStoreException ex) {
      answerOrRethrow(ex, response);
    }
  }

  /**
   * Writes the {@link SaveFailureAnswer} to {@code failure}, or logs that the committed response
   * could not carry it; rethrows a failure that has no answer (a {@link
   * dev.sessionkit.SessionTooLargeException}).
   */
  private void answerOrRethrow(RuntimeException failure, HttpServletResponse response)
      throws IOException {
    SaveFailureAnswer answer = SaveFailureAnswer.of(failure);
    if (answer == null) {
      throw failure;
    }
    answer.log(failure);
    if (response.isCommitted()) {
      logger.warn(
          "The session could not be saved ("
              + failure.getClass().getSimpleName()
              + "); the response was already committed, so it could not answer "
              + answer.status());
      return;
    }
    answer.writeTo(response, cookie.name());
  }

  /**
   * The session of the request's cookie values: lazily the one value's (no I/O until the handler
   * touches it), or, when several cookies of the name came, the first of at most three distinct
   * values whose session loads (a stale cookie of another domain or path must not hide the live
   * one).
   */
  private Session open(List<String> values) {
    if (values.size() <= 1) {
      return store.open(values.isEmpty() ? null : values.get(0));
    }
    for (String value : values.stream().distinct().limit(MAX_COOKIES_TRIED).toList()) {
      Session candidate = store.open(value);
      candidate.keySet();
      candidate.setAccessed(false);
      if (candidate.getSessionKey() != null) {
        return candidate;
      }
    }
    return store.open(null);
  }

  /** Django's {@code process_response} for one request; runs once. */
  private final class Finisher {

    private final Session session;
    private final boolean requestHadCookie;

    /**
     * Whether a deletion can only mean the cookie the request carried: one cookie of the name. With
     * several, a deletion (with this application's domain and path) could only match this
     * application's own cookie, never a stale one from another domain or path, so none is sent.
     */
    private final boolean deletionMatchesTheCookie;

    private final HttpServletResponse response;
    private @Nullable BeforeCommitResponseWrapper wrapper;
    private boolean failed;
    private boolean done;

    Finisher(Session session, int cookiesInRequest, HttpServletResponse response) {
      this.session = session;
      this.requestHadCookie = cookiesInRequest > 0;
      this.deletionMatchesTheCookie = cookiesInRequest == 1;
      this.response = response;
    }

    /** Runs the commit logic now unless the response wrapper ran it already. */
    void finish() {
      BeforeCommitResponseWrapper current = wrapper;
      if (current != null) {
        current.beforeCommit();
      } else {
        beforeCommit(response.getStatus());
      }
    }

    void beforeCommit(int status) {
      if (done) {
        return;
      }
      done = true;
      boolean accessed = session.isAccessed();
      boolean modified = session.isModified();
      boolean empty = session.isEmpty();
      if (requestHadCookie && empty) {
        varyOnCookie();
        deleteCookie();
        return;
      }
      if (accessed) {
        varyOnCookie();
      }
      if ((modified || saveEveryRequest) && !empty && status < 500 && !failed) {
        session.save();
        String key = session.getSessionKey();
        if (key == null) {
          // The client's key had no record and nothing changed, so nothing was written.
          if (requestHadCookie) {
            varyOnCookie();
            deleteCookie();
          }
          return;
        }
        // After the save: a save that merged another request's changes may have merged an expiry.
        Duration maxAge = session.getExpireAtBrowserClose() ? null : session.getExpiryAge();
        varyOnCookie();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.forSession(key, maxAge).toString());
      }
    }

    private void deleteCookie() {
      if (deletionMatchesTheCookie) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.deletion().toString());
      }
    }

    private void varyOnCookie() {
      for (String header : response.getHeaders(HttpHeaders.VARY)) {
        for (String value : header.split(",")) {
          String trimmed = value.trim();
          if (trimmed.equals("*") || trimmed.equalsIgnoreCase(HttpHeaders.COOKIE)) {
            return;
          }
        }
      }
      response.addHeader(HttpHeaders.VARY, HttpHeaders.COOKIE);
    }
  }
}
