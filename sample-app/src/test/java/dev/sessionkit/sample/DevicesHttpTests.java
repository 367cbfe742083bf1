package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.PrincipalSession;
import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Your devices" over HTTP, on the default db backend: the user's sessions from the principal
 * index, the current one marked, and "Sign out other devices", which logs the other browsers out,
 * and keeps out those with a remember-me cookie. Each test starts with no session of alice's left
 * by another test.
 */
@ShopOverHttpTest
class DevicesHttpTests {

  private static final Pattern DEVICE_ROW = Pattern.compile("id=\"device-([^\"]+)\"");

  @LocalServerPort int port;

  @Autowired SessionStore store;

  Visitor laptop;
  Visitor phone;

  @BeforeEach
  void twoBrowsersWithoutSessions() {
    ((PrincipalSessions) store).revokeOthers("alice", null);
    laptop = Visitor.on(port);
    phone = Visitor.on(port);
  }

  @Test
  void devicesPageNeedsALogin() {
    Page page = laptop.get("/account/devices");

    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login");
  }

  @Test
  void twoLoginsOfTheSameUserListTwoSessionsAndMarkOnlyTheCurrentOne() {
    laptop.logIn("alice", "wonderland", false);
    phone.logIn("alice", "wonderland", false);

    Page page = laptop.get("/account/devices");

    assertThat(page.status()).isEqualTo(200);
    assertThat(deviceIds(page))
        .containsExactlyInAnyOrder(idOf(laptop.sessionKey()), idOf(phone.sessionKey()));
    assertThat(countOf("this device", page.body())).isEqualTo(1);
    assertThat(rowOf(page, idOf(laptop.sessionKey()))).contains("this device");
    assertThat(rowOf(page, idOf(phone.sessionKey()))).doesNotContain("this device");
    assertThat(page.body())
        .doesNotContain(laptop.sessionKey())
        .doesNotContain(phone.sessionKey())
        .contains("id=\"sign-out-others\"");
  }

  @Test
  void devicesOfAnotherUserAreNotListed() {
    laptop.logIn("alice", "wonderland", false);
    phone.logIn("bob", "builder", false);

    Page page = laptop.get("/account/devices");

    assertThat(deviceIds(page)).containsExactly(idOf(laptop.sessionKey()));
  }

  @Test
  void signOutOtherDevicesLogsTheOtherBrowserOutAndKeepsThisOne() {
    laptop.logIn("alice", "wonderland", false);
    phone.logIn("alice", "wonderland", false);
    assertThat(phone.get("/account").status()).isEqualTo(200);
    String phoneKey = phone.sessionKey();

    Page signedOut = laptop.submitFrom("/account/devices", "/account/devices/sign-out-others");

    assertThat(signedOut.status()).isEqualTo(302);
    assertThat(signedOut.location()).endsWith("/account/devices");
    Page devices = laptop.get("/account/devices");
    assertThat(devices.body()).contains("id=\"flash-message\"", "Signed out 1 other device.");
    assertThat(deviceIds(devices)).containsExactly(idOf(laptop.sessionKey()));
    assertThat(store.exists(phoneKey)).isFalse();
    Page phoneAccount = phone.get("/account");
    assertThat(phoneAccount.status()).isEqualTo(302);
    assertThat(phoneAccount.location()).endsWith("/login");
    assertThat(laptop.get("/account").status()).isEqualTo(200);
    assertThat(laptop.cookie("JSESSIONID")).isNull();
    assertThat(phone.cookie("JSESSIONID")).isNull();
  }

  @Test
  void signOutOtherDevicesWithNoOtherDeviceSaysSo() {
    laptop.logIn("alice", "wonderland", false);

    laptop.submitFrom("/account/devices", "/account/devices/sign-out-others");

    assertThat(laptop.get("/account/devices").body()).contains("No other device was signed in.");
  }

  @Test
  void signOutOtherDevicesWithoutTheFormTokenIsForbiddenAndSignsOutNobody() {
    laptop.logIn("alice", "wonderland", false);
    phone.logIn("alice", "wonderland", false);

    Page page = laptop.post("/account/devices/sign-out-others");

    assertThat(page.status()).isEqualTo(403);
    assertThat(store.exists(phone.sessionKey())).isTrue();
    assertThat(phone.get("/account").status()).isEqualTo(200);
    assertThat(((PrincipalSessions) store).sessionsOf("alice", null)).hasSize(2);
  }

  @Test
  void signedOutDeviceWithRememberMeStaysSignedOutEvenWithItsRememberMeCookie() {
    laptop.logIn("alice", "wonderland", true);
    phone.logIn("alice", "wonderland", true);
    String phoneKey = phone.sessionKey();
    String phoneRememberMe = phone.cookie("remember-me");
    assertThat(phoneRememberMe).isNotNull();

    laptop.submitFrom("/account/devices", "/account/devices/sign-out-others");

    assertThat(store.exists(phoneKey)).isFalse();
    Page phoneAccount = phone.get("/account");
    assertThat(phoneAccount.status()).isEqualTo(302);
    assertThat(phoneAccount.location()).endsWith("/login");
    assertThat(phone.cookie("remember-me")).as("the rejected cookie is deleted").isNull();
    Visitor replaying = Visitor.on(port);
    replaying.setCookie("remember-me", phoneRememberMe);
    assertThat(replaying.get("/account").status()).isEqualTo(302);
    assertThat(((PrincipalSessions) store).sessionsOf("alice", null)).hasSize(1);
    Visitor laptopWithoutSession = Visitor.on(port);
    laptopWithoutSession.setCookie("remember-me", laptop.cookie("remember-me"));
    assertThat(laptopWithoutSession.get("/account").body())
        .as("this device's remember-me cookie still logs in")
        .contains("id=\"account-username\">alice<");
  }

  private static String idOf(String sessionKey) {
    return PrincipalSession.idOf(sessionKey);
  }

  private static List<String> deviceIds(Page page) {
    List<String> ids = new ArrayList<>();
    Matcher matcher = DEVICE_ROW.matcher(page.body());
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    return ids;
  }

  private static String rowOf(Page page, String id) {
    int start = page.body().indexOf("id=\"device-" + id + "\"");
    assertThat(start).as("row of device " + id).isNotNegative();
    return page.body().substring(start, page.body().indexOf("</tr>", start));
  }

  private static int countOf(String text, String body) {
    return body.split(Pattern.quote(text), -1).length - 1;
  }
}
