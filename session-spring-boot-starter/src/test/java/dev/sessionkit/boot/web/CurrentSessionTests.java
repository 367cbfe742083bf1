package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sessionkit.Session;
import dev.sessionkit.cache.CacheSessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;

/** The session proxy and the handler-method argument, inside and outside a request. */
class CurrentSessionTests {

  private final CacheSessionStore store = new CacheSessionStore(new ConcurrentMapCache("test"));

  @AfterEach
  void leaveTheRequest() {
    RequestContextHolder.resetRequestAttributes();
  }

  @Test
  void proxyForwardsToTheSessionOfTheCurrentRequest() {
    Session session = store.newSession();
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setAttribute(SessionFilter.SESSION_ATTRIBUTE, session);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

    CurrentSession.proxy().put("k", "v");

    assertThat(session.get("k")).isEqualTo("v");
    assertThat(CurrentSession.get()).isSameAs(session);
  }

  @Test
  void proxyOutsideARequestFailsWithAClearMessage() {
    assertThatIllegalStateException()
        .isThrownBy(() -> CurrentSession.proxy().isEmpty())
        .withMessageContaining("No current request")
        .withMessageContaining("open a session from the SessionStore bean");
  }

  @Test
  void proxyInARequestTheFilterDidNotSeeFailsWithAClearMessage() {
    RequestContextHolder.setRequestAttributes(
        new ServletRequestAttributes(new MockHttpServletRequest()));

    assertThatIllegalStateException()
        .isThrownBy(() -> CurrentSession.proxy().get("k"))
        .withMessageContaining("the SessionFilter did not run for it");
  }

  @Test
  void proxyObjectMethodsWorkOutsideARequest() {
    Session proxy = CurrentSession.proxy();

    assertThat(proxy).isEqualTo(proxy).isNotEqualTo(store.newSession());
    assertThat(proxy.hashCode()).isEqualTo(System.identityHashCode(proxy));
    assertThat(proxy).hasToString("Session proxy for the current request");
  }

  @Test
  void exceptionsFromTheSessionReachTheCallerUnwrapped() {
    Session session = store.newSession();
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setAttribute(SessionFilter.SESSION_ATTRIBUTE, session);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

    org.assertj.core.api.Assertions.assertThatExceptionOfType(
            java.util.NoSuchElementException.class)
        .isThrownBy(() -> CurrentSession.proxy().pop("k"));
  }

  @Test
  void argumentResolverGivesTheRequestsSession() throws Exception {
    Session session = store.newSession();
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setAttribute(SessionFilter.SESSION_ATTRIBUTE, session);
    SessionArgumentResolver resolver = new SessionArgumentResolver();
    MethodParameter parameter =
        new MethodParameter(
            getClass().getDeclaredMethod("handler", Session.class, String.class), 0);

    assertThat(resolver.supportsParameter(parameter)).isTrue();
    assertThat(resolver.supportsParameter(new MethodParameter(parameter.getMethod(), 1))).isFalse();
    assertThat(resolver.resolveArgument(parameter, null, new ServletWebRequest(request), null))
        .isSameAs(session);
  }

  @Test
  void argumentResolverWithoutTheFilterFailsNamingTheParameter() throws Exception {
    MethodParameter parameter =
        new MethodParameter(
            getClass().getDeclaredMethod("handler", Session.class, String.class), 0);

    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                new SessionArgumentResolver()
                    .resolveArgument(
                        parameter, null, new ServletWebRequest(new MockHttpServletRequest()), null))
        .withMessageContaining(
            "asks for the sessionkit Session, but the SessionFilter did not"
                + " run for this request");
  }

  @SuppressWarnings("unused")
  private void handler(Session session, String other) {}
}
