package dev.sessionkit.boot.security;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.web.SessionFilter;
import dev.sessionkit.cache.CacheSessionStore;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Requests of one visitor whose sessionkit session lives in an in-memory store, bound to each
 * request as the session filter binds it; {@link #nextRequest()} saves the session and opens it
 * again from its key, so what the next request sees has gone through the JSON codec.
 */
final class RequestWithSession {

  final SessionStore store = new CacheSessionStore(new ConcurrentMapCache("sessions"));
  final MockHttpServletResponse response = new MockHttpServletResponse();
  MockHttpServletRequest request;
  Session session;

  RequestWithSession() {
    session = store.open(null);
    request = bind(new MockHttpServletRequest("GET", "/"), session);
  }

  /** Saves the session (when it has data), then starts the visitor's next request. */
  MockHttpServletRequest nextRequest() {
    return nextRequest(new MockHttpServletRequest("GET", "/"));
  }

  /** Saves the session (when it has data), then binds the reopened session to {@code next}. */
  MockHttpServletRequest nextRequest(MockHttpServletRequest next) {
    if (!session.isEmpty() && session.isModified()) {
      session.save();
    }
    session = store.open(session.getSessionKey());
    request = bind(next, session);
    return request;
  }

  @Nullable String key() {
    return session.getSessionKey();
  }

  private static MockHttpServletRequest bind(MockHttpServletRequest request, Session session) {
    request.setAttribute(SessionFilter.SESSION_ATTRIBUTE, session);
    return request;
  }
}
