package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.sessionkit.SessionStore;
import jakarta.servlet.http.Cookie;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A whole login flow through Spring Security's filters and sessionkit's, with container sessions
 * forbidden ({@code sessionkit.container-session=fail}): any {@code getSession(true)} would fail
 * the request. After every step, the request has no container session and no {@code JSESSIONID}
 * cookie was set.
 */
@SpringBootTest(
    classes = SecurityTestApplication.class,
    properties = {"sessionkit.backend=cache", "sessionkit.container-session=fail"})
@AutoConfigureMockMvc
class SpringSecurityOnSessionkitWebTests {

  private static final Pattern LOGIN_FORM_TOKEN =
      Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

  @Autowired MockMvc mvc;

  @Autowired SessionStore store;

  private final Map<String, String> cookies = new LinkedHashMap<>();

  @Test
  void anonymousPageProtectedPageLoginRedirectBackFlashMessageAndLogoutUseOnlySessionkit()
      throws Exception {
    MvcResult home = send(get("/"));
    assertThat(home.getResponse().getContentAsString()).isEqualTo("home");
    assertThat(cookies).doesNotContainKey("sessionid");

    MvcResult protectedPage = send(get("/account"));
    assertThat(protectedPage.getResponse().getStatus()).isEqualTo(302);
    assertThat(protectedPage.getResponse().getRedirectedUrl()).isEqualTo("/login");
    String anonymousKey = cookies.get("sessionid");
    assertThat(anonymousKey).as("the saved request is in a new sessionkit session").isNotNull();

    String loginToken = loginFormToken(send(get("/login")));
    MvcResult login =
        send(
            post("/login")
                .param("username", "alice")
                .param("password", "wonderland")
                .param("_csrf", loginToken));
    assertThat(login.getResponse().getRedirectedUrl())
        .isEqualTo("http://localhost/account?continue");
    String loggedInKey = cookies.get("sessionid");
    assertThat(loggedInKey).isNotNull().isNotEqualTo(anonymousKey);
    assertThat(store.exists(anonymousKey)).isFalse();

    MvcResult back = send(get("/account").queryParam("continue", ""));
    assertThat(back.getResponse().getContentAsString()).isEqualTo("account of alice");

    String formToken = send(get("/notes/form")).getResponse().getContentAsString();
    MvcResult forged = send(post("/notes").param("text", "forged").param("_csrf", "forged"));
    assertThat(forged.getResponse().getStatus()).isEqualTo(403);
    MvcResult note = send(post("/notes").param("text", "hello").param("_csrf", formToken));
    assertThat(note.getResponse().getRedirectedUrl()).isEqualTo("/notes");
    assertThat(send(get("/notes")).getResponse().getContentAsString()).isEqualTo("Saved hello");
    assertThat(send(get("/notes")).getResponse().getContentAsString()).isEqualTo("no message");

    MvcResult logout = send(post("/logout").param("_csrf", formToken));
    assertThat(logout.getResponse().getRedirectedUrl()).isEqualTo("/login?logout");
    assertThat(cookies).doesNotContainKey("sessionid");
    assertThat(store.exists(loggedInKey)).isFalse();
    assertThat(send(get("/account")).getResponse().getStatus()).isEqualTo(302);
  }

  @Test
  void rememberMeCookieLogsANewVisitorInAndKeepsTheLoginInTheSessionkitSession() throws Exception {
    String loginToken = loginFormToken(send(get("/login")));
    send(
        post("/login")
            .param("username", "alice")
            .param("password", "wonderland")
            .param("remember-me", "on")
            .param("_csrf", loginToken));
    String rememberMe = cookies.get("remember-me");
    assertThat(rememberMe).isNotNull();

    cookies.clear();
    cookies.put("remember-me", rememberMe);
    MvcResult remembered = send(get("/account"));

    assertThat(remembered.getResponse().getContentAsString()).isEqualTo("account of alice");
    String key = cookies.get("sessionid");
    assertThat(key).isNotNull();
    assertThat(store.open(key).keySet()).contains(SessionSecurityContextRepository.SESSION_KEY);
    cookies.remove("remember-me");
    assertThat(send(get("/account")).getResponse().getContentAsString())
        .isEqualTo("account of alice");
  }

  /**
   * Sends the request with the jar's cookies, checks it made no container session, and keeps the
   * cookies set.
   */
  private MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
    cookies.forEach((name, value) -> request.cookie(new Cookie(name, value)));
    MvcResult result = mvc.perform(request).andReturn();
    assertThat(result.getRequest().getSession(false)).isNull();
    List<String> setCookies = result.getResponse().getHeaders("Set-Cookie");
    assertThat(setCookies).noneMatch(header -> header.startsWith("JSESSIONID"));
    for (String header : setCookies) {
      String[] nameValue = header.split(";", 2)[0].split("=", 2);
      if (nameValue[1].isEmpty() || header.contains("Max-Age=0")) {
        cookies.remove(nameValue[0]);
      } else {
        cookies.put(nameValue[0], nameValue[1]);
      }
    }
    return result;
  }

  private static String loginFormToken(MvcResult loginPage) throws Exception {
    Matcher matcher = LOGIN_FORM_TOKEN.matcher(loginPage.getResponse().getContentAsString());
    assertThat(matcher.find()).as("the login page has a form token").isTrue();
    return matcher.group(1);
  }
}
