package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.boot.web.SessionCookie;
import dev.sessionkit.boot.web.SessionFlashMapManager;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.FlashMap;

/** Flash attributes survive the redirect in the sessionkit session, and are shown once. */
class SessionFlashMapManagerTests {

  private final SessionFlashMapManager manager =
      new SessionFlashMapManager(SessionCookie.named("sessionid"));
  private final RequestWithSession visitor = new RequestWithSession();

  @Test
  void saveOutputFlashMapKeepsItInTheSessionAndTheTargetRequestGetsItOnce() {
    FlashMap flash = new FlashMap();
    flash.put("message", "Added the mug to your cart.");
    flash.put("count", 2);
    flash.setTargetRequestPath("/cart");

    manager.saveOutputFlashMap(flash, visitor.request, visitor.response);
    assertThat(visitor.response.getHeader("Set-Cookie"))
        .startsWith("sessionid_flash=1; Path=/; Max-Age=180;")
        .contains("HttpOnly");
    visitor.nextRequest(withMarker("/cart"));

    assertThat(visitor.session.get(SessionFlashMapManager.SESSION_KEY))
        .isInstanceOfSatisfying(
            List.class,
            maps ->
                assertThat(fields(maps.get(0)))
                    .containsEntry(
                        "attributes", Map.of("message", "Added the mug to your cart.", "count", 2))
                    .containsEntry("targetRequestPath", "/cart"));
    Map<String, Object> input = manager.retrieveAndUpdate(visitor.request, visitor.response);
    assertThat(input).containsEntry("message", "Added the mug to your cart.");
    assertThat(visitor.session.containsKey(SessionFlashMapManager.SESSION_KEY)).isFalse();
    assertThat(visitor.response.getHeaders("Set-Cookie"))
        .last()
        .asString()
        .startsWith("sessionid_flash=; Path=/; Max-Age=0;");

    visitor.nextRequest(withMarker("/cart"));
    assertThat((Object) manager.retrieveAndUpdate(visitor.request, visitor.response)).isNull();
  }

  @Test
  void retrieveAndUpdateForAnotherPathLeavesTheFlashMapWaiting() {
    FlashMap flash = new FlashMap();
    flash.put("message", "Saved.");
    flash.setTargetRequestPath("/cart");
    manager.saveOutputFlashMap(flash, visitor.request, visitor.response);
    visitor.nextRequest(withMarker("/other"));

    assertThat((Object) manager.retrieveAndUpdate(visitor.request, visitor.response)).isNull();
    assertThat(visitor.session.containsKey(SessionFlashMapManager.SESSION_KEY)).isTrue();
  }

  @Test
  void retrieveAndUpdateWithoutTheMarkerCookieLeavesTheSessionUnloadedAndNoContainerSession() {
    FlashMap flash = new FlashMap();
    flash.put("message", "Saved.");
    manager.saveOutputFlashMap(flash, visitor.request, visitor.response);
    visitor.nextRequest();

    assertThat((Object) manager.retrieveAndUpdate(visitor.request, visitor.response)).isNull();
    assertThat(visitor.session.isAccessed()).isFalse();
    assertThat(visitor.request.getSession(false)).isNull();
  }

  private static MockHttpServletRequest withMarker(String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setCookies(new Cookie("sessionid_flash", "1"));
    return request;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Object map) {
    return (Map<String, Object>) map;
  }
}
