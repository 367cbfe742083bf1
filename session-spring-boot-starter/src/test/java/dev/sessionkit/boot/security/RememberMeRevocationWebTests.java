package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.sessionkit.PrincipalSession;
import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.SessionStore;
import jakarta.servlet.http.Cookie;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.web.authentication.rememberme.PersistentRememberMeToken;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * "Sign out my other devices" ({@link PrincipalSessions#revokeOthers}) with remember-me, through
 * Spring Security's filters and sessionkit's: with persistent tokens the signed-out device's
 * remember-me cookie no longer logs it in, and the current device's still does; with the hash-based
 * cookie, which keeps nothing on the server, it still logs the device in (the documented limit).
 */
class RememberMeRevocationWebTests {

  @Nested
  @SpringBootTest(
      classes = RememberMeTestApplication.class,
      properties = "sessionkit.backend=cache")
  @AutoConfigureMockMvc
  class PersistentTokens {

    @Autowired MockMvc mvc;
    @Autowired SessionStore store;
    @Autowired PersistentTokenRepository tokens;

    @BeforeEach
    void noSessionOfAliceLeft() {
      ((PrincipalSessions) store).revokeOthers("alice", null);
    }

    @Test
    void loginWithRememberMeRecordsTheSeriesInTheSessionAndSoDoesALoginByTheCookie()
        throws Exception {
      Device laptop = new Device(mvc);
      laptop.logIn(true);
      String series = laptop.rememberMeSeries();

      assertThat(store.open(laptop.sessionKey()).get(SeriesRecordingTokenRepository.SERIES_KEY))
          .isEqualTo(series);
      laptop.loseSessionCookie();
      assertThat(laptop.account()).isEqualTo("account of alice");
      assertThat(store.open(laptop.sessionKey()).get(SeriesRecordingTokenRepository.SERIES_KEY))
          .isEqualTo(series);
    }

    @Test
    void signOutOtherDevicesWhenTheyHaveRememberMeKeepsThemSignedOutAndThisDeviceSignedIn()
        throws Exception {
      Device laptop = new Device(mvc);
      Device phone = new Device(mvc);
      laptop.logIn(true);
      phone.logIn(true);
      String phoneSeries = phone.rememberMeSeries();
      String laptopSeries = laptop.rememberMeSeries();

      assertThat(laptop.signOutOthers()).isEqualTo("signed out 1");

      MvcResult phoneAccount = phone.send(get("/account"));
      assertThat(phoneAccount.getResponse().getStatus()).isEqualTo(302);
      assertThat(phoneAccount.getResponse().getRedirectedUrl()).endsWith("/login");
      assertThat(phone.cookie("remember-me")).as("the cookie is deleted").isNull();
      assertThat(tokens.getTokenForSeries(phoneSeries)).isNull();
      laptop.loseSessionCookie();
      assertThat(laptop.account())
          .as("this device's remember-me still logs in: the phone's was not taken for a theft")
          .isEqualTo("account of alice");
      assertThat(tokens.getTokenForSeries(laptopSeries)).isNotNull();
    }

    @Test
    void signOutOtherDevicesKeepsTheRememberMeOfAnOlderSessionOfThisDevice() throws Exception {
      Device laptop = new Device(mvc);
      laptop.logIn(true);
      String olderSession = laptop.sessionKey();
      laptop.loseSessionCookie();
      assertThat(laptop.account()).isEqualTo("account of alice");
      assertThat(laptop.sessionKey()).isNotEqualTo(olderSession);

      assertThat(laptop.signOutOthers()).isEqualTo("signed out 1");

      assertThat(store.exists(olderSession)).isFalse();
      laptop.loseSessionCookie();
      assertThat(laptop.account()).isEqualTo("account of alice");
    }

    @Test
    void signOneDeviceOutExpiresItsSeriesAndLeavesTheOthersAlone() throws Exception {
      Device laptop = new Device(mvc);
      Device phone = new Device(mvc);
      laptop.logIn(true);
      phone.logIn(true);
      String phoneSeries = phone.rememberMeSeries();
      String laptopSeries = laptop.rememberMeSeries();
      Date laptopLastUsed = tokens.getTokenForSeries(laptopSeries).getDate();

      assertThat(
              ((PrincipalSessions) store)
                  .revoke("alice", PrincipalSession.idOf(phone.sessionKey())))
          .isTrue();

      assertThat(tokens.getTokenForSeries(phoneSeries).getDate().toInstant())
          .isEqualTo(SeriesRecordingTokenRepository.EXPIRED);
      assertThat(tokens.getTokenForSeries(laptopSeries).getDate()).isEqualTo(laptopLastUsed);
      assertThat(phone.send(get("/account")).getResponse().getStatus()).isEqualTo(302);
      laptop.loseSessionCookie();
      assertThat(laptop.account()).isEqualTo("account of alice");
    }

    @Test
    void signOutOtherDevicesEndsTheRememberMeOfADeviceWhoseSessionHadAlreadyExpired()
        throws Exception {
      Device laptop = new Device(mvc);
      Device lostPhone = new Device(mvc);
      laptop.logIn(true);
      lostPhone.logIn(true);
      String laptopSeries = laptop.rememberMeSeries();
      PersistentRememberMeToken laptopToken = tokens.getTokenForSeries(laptopSeries);
      store.delete(lostPhone.sessionKey());

      assertThat(laptop.signOutOthers())
          .as("the phone's session is not listed")
          .isEqualTo("signed out 0");

      MvcResult phoneAccount = lostPhone.send(get("/account"));
      assertThat(phoneAccount.getResponse().getStatus()).isEqualTo(302);
      assertThat(phoneAccount.getResponse().getRedirectedUrl()).endsWith("/login");
      assertThat(lostPhone.cookie("remember-me")).as("the cookie is deleted").isNull();
      PersistentRememberMeToken kept = tokens.getTokenForSeries(laptopSeries);
      assertThat(kept.getTokenValue()).isEqualTo(laptopToken.getTokenValue());
      assertThat(kept.getDate()).isEqualTo(laptopToken.getDate());
      laptop.loseSessionCookie();
      assertThat(laptop.account())
          .as("this device's remember-me still logs in, with the token it had")
          .isEqualTo("account of alice");
    }

    @Test
    void signOutOtherDevicesKeepsThisDevicesRememberMeAfterTheCookieLoggedItInAgain()
        throws Exception {
      Device laptop = new Device(mvc);
      Device lostPhone = new Device(mvc);
      laptop.logIn(true);
      lostPhone.logIn(true);
      store.delete(lostPhone.sessionKey());
      laptop.loseSessionCookie();
      assertThat(laptop.account()).isEqualTo("account of alice");

      assertThat(laptop.signOutOthers()).as("the laptop's older session").isEqualTo("signed out 1");

      assertThat(lostPhone.send(get("/account")).getResponse().getStatus()).isEqualTo(302);
      laptop.loseSessionCookie();
      assertThat(laptop.account()).isEqualTo("account of alice");
      laptop.loseSessionCookie();
      assertThat(laptop.account()).isEqualTo("account of alice");
    }

    @Test
    void signOutAllDevicesEndsEveryRememberMeLogin() throws Exception {
      Device laptop = new Device(mvc);
      Device lostPhone = new Device(mvc);
      laptop.logIn(true);
      lostPhone.logIn(true);
      store.delete(lostPhone.sessionKey());

      assertThat(laptop.signOutAll()).isEqualTo("signed out 1");

      assertThat(lostPhone.send(get("/account")).getResponse().getStatus()).isEqualTo(302);
      assertThat(laptop.send(get("/account")).getResponse().getStatus()).isEqualTo(302);
      assertThat(laptop.cookie("remember-me")).isNull();
    }

    @Test
    void aDeviceSignedOutWithoutRememberMeHasNothingToExpire() throws Exception {
      Device laptop = new Device(mvc);
      Device phone = new Device(mvc);
      laptop.logIn(true);
      phone.logIn(false);

      assertThat(laptop.signOutOthers()).isEqualTo("signed out 1");

      assertThat(phone.send(get("/account")).getResponse().getStatus()).isEqualTo(302);
      laptop.loseSessionCookie();
      assertThat(laptop.account()).isEqualTo("account of alice");
    }
  }

  @Nested
  @SpringBootTest(
      classes = RememberMeTestApplication.class,
      properties = {"sessionkit.backend=cache", "test.remember-me=hash"})
  @AutoConfigureMockMvc
  class HashBasedCookie {

    @Autowired MockMvc mvc;
    @Autowired SessionStore store;

    @Test
    void signOutOtherDevicesCannotStopAHashBasedRememberMeCookie() throws Exception {
      ((PrincipalSessions) store).revokeOthers("alice", null);
      Device laptop = new Device(mvc);
      Device phone = new Device(mvc);
      laptop.logIn(true);
      phone.logIn(true);
      String phoneKey = phone.sessionKey();

      assertThat(laptop.signOutOthers()).isEqualTo("signed out 1");

      assertThat(store.exists(phoneKey)).isFalse();
      assertThat(phone.account()).isEqualTo("account of alice");
    }
  }

  /** One browser: a cookie jar in front of MockMvc. */
  static final class Device {

    private final MockMvc mvc;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Device(MockMvc mvc) {
      this.mvc = mvc;
    }

    void logIn(boolean rememberMe) throws Exception {
      MockHttpServletRequestBuilder login =
          post("/login").param("username", "alice").param("password", "wonderland");
      if (rememberMe) {
        login.param("remember-me", "on");
      }
      MvcResult result = send(login);
      assertThat(result.getResponse().getStatus()).isEqualTo(302);
      assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error");
      assertThat(cookie("remember-me") != null).isEqualTo(rememberMe);
    }

    String account() throws Exception {
      return send(get("/account")).getResponse().getContentAsString();
    }

    String signOutOthers() throws Exception {
      return send(post("/sign-out-others")).getResponse().getContentAsString();
    }

    String signOutAll() throws Exception {
      return send(post("/sign-out-all")).getResponse().getContentAsString();
    }

    String sessionKey() {
      String key = cookie("sessionid");
      assertThat(key).as("session cookie").isNotNull();
      return key;
    }

    /** The series in the remember-me cookie (Base64 of the URL-encoded series and token). */
    String rememberMeSeries() {
      String cookie = cookie("remember-me");
      assertThat(cookie).as("remember-me cookie").isNotNull();
      String padded = cookie + "=".repeat((4 - cookie.length() % 4) % 4);
      String decoded = new String(Base64.getDecoder().decode(padded), StandardCharsets.UTF_8);
      return URLDecoder.decode(decoded.split(":")[0], StandardCharsets.UTF_8);
    }

    /** As a browser that was closed, with a session cookie that ended with it. */
    void loseSessionCookie() {
      cookies.remove("sessionid");
    }

    @Nullable String cookie(String name) {
      return cookies.get(name);
    }

    MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
      cookies.forEach((name, value) -> request.cookie(new Cookie(name, value)));
      MvcResult result = mvc.perform(request).andReturn();
      List<String> setCookies = result.getResponse().getHeaders("Set-Cookie");
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
  }
}
