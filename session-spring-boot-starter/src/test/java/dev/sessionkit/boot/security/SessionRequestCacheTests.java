package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.savedrequest.SavedRequest;

class SessionRequestCacheTests {

  private final SessionRequestCache cache = new SessionRequestCache();
  private final RequestWithSession visitor = new RequestWithSession();

  @Test
  void saveRequestKeepsMethodAndFullUrlAndTheRedirectCarriesContinue() {
    MockHttpServletRequest request = visitor.nextRequest(page("/account", "tab=orders"));

    cache.saveRequest(request, visitor.response);
    visitor.nextRequest();

    assertThat(visitor.session.get(SessionRequestCache.SESSION_KEY))
        .isEqualTo(Map.of("method", "GET", "url", "http://localhost/account?tab=orders"));
    SavedRequest saved = cache.getRequest(visitor.request, visitor.response);
    assertThat(saved).isNotNull();
    assertThat(saved.getRedirectUrl()).isEqualTo("http://localhost/account?tab=orders&continue");
    assertThat(saved.getMethod()).isEqualTo("GET");
  }

  @Test
  void saveRequestIgnoresPostsAndScriptRequests() {
    cache.saveRequest(
        visitor.nextRequest(new MockHttpServletRequest("POST", "/cart")), visitor.response);
    MockHttpServletRequest script = visitor.nextRequest(page("/api/cart", null));
    script.addHeader("X-Requested-With", "XMLHttpRequest");
    cache.saveRequest(script, visitor.response);
    MockHttpServletRequest json = visitor.nextRequest(page("/api/cart", null));
    json.addHeader("Accept", "application/json");
    cache.saveRequest(json, visitor.response);

    assertThat(visitor.session.containsKey(SessionRequestCache.SESSION_KEY)).isFalse();
  }

  @Test
  void getMatchingRequestWithContinueReturnsTheRequestAndForgetsTheSavedOne() {
    cache.saveRequest(visitor.nextRequest(page("/account", null)), visitor.response);
    MockHttpServletRequest back = visitor.nextRequest(page("/account", "continue"));

    assertThat(cache.getMatchingRequest(back, visitor.response)).isSameAs(back);
    assertThat(visitor.session.containsKey(SessionRequestCache.SESSION_KEY)).isFalse();
  }

  @Test
  void getMatchingRequestWithoutContinueLeavesTheSessionUntouched() {
    cache.saveRequest(visitor.nextRequest(page("/account", null)), visitor.response);
    MockHttpServletRequest other = visitor.nextRequest(page("/account", null));

    assertThat(cache.getMatchingRequest(other, visitor.response)).isNull();
    assertThat(visitor.session.isAccessed()).isFalse();
  }

  @Test
  void getMatchingRequestForAnotherPageKeepsTheSavedOne() {
    cache.saveRequest(visitor.nextRequest(page("/account", null)), visitor.response);
    MockHttpServletRequest other = visitor.nextRequest(page("/cart", "continue"));

    assertThat(cache.getMatchingRequest(other, visitor.response)).isNull();
    assertThat(visitor.session.containsKey(SessionRequestCache.SESSION_KEY)).isTrue();
  }

  private static MockHttpServletRequest page(String path, @Nullable String query) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setQueryString(query);
    if (query != null && !query.contains("=")) {
      request.addParameter(query, "");
    }
    return request;
  }
}
