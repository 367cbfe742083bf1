package dev.sessionkit.boot.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The request the {@link SessionFilter} passes on, so that servlet asynchronous processing the
 * application drives itself finishes the session too. Spring MVC's asynchronous handlers end with a
 * dispatch, which passes through the filter again; a handler that calls {@code startAsync()} and
 * ends with {@link AsyncContext#complete()} gets no dispatch. So:
 *
 * <ul>
 *   <li>{@code startAsync()} hands out the response the filter passed on (its commit hook saves the
 *       session and sets the cookie before the headers go out), not the container's;
 *   <li>the {@link AsyncContext} it returns runs the filter's finishing step before it completes,
 *       while the response is still open, and so does the context in the events its listeners get
 *       (a timeout listener that completes).
 * </ul>
 */
final class SessionAsyncRequest extends HttpServletRequestWrapper {

  private final HttpServletResponse passedOn;
  private final Runnable finish;
  private @Nullable FinishingAsyncContext started;

  /**
   * @param passedOn the response the filter passes on with this request
   * @param finish the filter's finishing step for this request; runs once however often called
   */
  SessionAsyncRequest(HttpServletRequest request, HttpServletResponse passedOn, Runnable finish) {
    super(request);
    this.passedOn = passedOn;
    this.finish = finish;
  }

  @Override
  public AsyncContext startAsync() {
    return startAsync(this, passedOn);
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    FinishingAsyncContext context =
        new FinishingAsyncContext(super.startAsync(request, response), finish);
    started = context;
    return context;
  }

  @Override
  public AsyncContext getAsyncContext() {
    AsyncContext context = super.getAsyncContext();
    FinishingAsyncContext wrapped = started;
    return wrapped != null && wrapped.delegate == context ? wrapped : context;
  }

  /**
   * A listener whose events carry the finishing context rather than the container's, so that a
   * listener that completes through its event ({@code event.getAsyncContext().complete()}, the
   * usual way out of a timeout) finishes the session too.
   */
  private record EventsOfThisContext(AsyncListener listener, AsyncContext context)
      implements AsyncListener {

    @Override
    public void onComplete(AsyncEvent event) throws IOException {
      listener.onComplete(ofThisContext(event));
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
      listener.onTimeout(ofThisContext(event));
    }

    @Override
    public void onError(AsyncEvent event) throws IOException {
      listener.onError(ofThisContext(event));
    }

    /** Unchanged: the event carries the context of the new start, which it announces. */
    @Override
    public void onStartAsync(AsyncEvent event) throws IOException {
      listener.onStartAsync(event);
    }

    private AsyncEvent ofThisContext(AsyncEvent event) {
      return new AsyncEvent(
          context, event.getSuppliedRequest(), event.getSuppliedResponse(), event.getThrowable());
    }
  }

  /** The container's {@link AsyncContext}, finishing the session when it is completed. */
  private static final class FinishingAsyncContext implements AsyncContext {

    private final AsyncContext delegate;
    private final Runnable finish;

    FinishingAsyncContext(AsyncContext delegate, Runnable finish) {
      this.delegate = delegate;
      this.finish = finish;
    }

    @Override
    public void complete() {
      try {
        finish.run();
      } finally {
        delegate.complete();
      }
    }

    @Override
    public ServletRequest getRequest() {
      return delegate.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
      return delegate.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
      return delegate.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
      delegate.dispatch();
    }

    @Override
    public void dispatch(String path) {
      delegate.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext context, String path) {
      delegate.dispatch(context, path);
    }

    @Override
    public void start(Runnable run) {
      delegate.start(run);
    }

    @Override
    public void addListener(AsyncListener listener) {
      delegate.addListener(new EventsOfThisContext(listener, this));
    }

    @Override
    public void addListener(
        AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
      delegate.addListener(
          new EventsOfThisContext(listener, this), servletRequest, servletResponse);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
      return delegate.createListener(type);
    }

    @Override
    public void setTimeout(long timeout) {
      delegate.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
      return delegate.getTimeout();
    }
  }
}
