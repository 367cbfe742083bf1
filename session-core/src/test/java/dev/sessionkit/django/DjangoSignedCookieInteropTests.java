package dev.sessionkit.django;

import static dev.sessionkit.django.DjangoSessionCodecTests.OLD_SECRET_KEY;
import static dev.sessionkit.django.DjangoSessionCodecTests.SECRET_KEY;
import static dev.sessionkit.django.DjangoSessionCodecTests.orderedMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.CapturedLogs;
import dev.sessionkit.testing.MutableClock;
import dev.sessionkit.testing.RealDjango;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DjangoSignedCookieSessionStore} against a live Django's {@code signed_cookies} backend
 * ({@link RealDjango}): each reads the cookies the other writes; a cookie signed with a fallback
 * key is read, one signed with an unknown key or longer ago than the maximum age is refused, by
 * both.
 */
class DjangoSignedCookieInteropTests {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final String UNKNOWN_SECRET_KEY = "a-secret-key-sessionkit-was-never-told-0123";
  private static final Map<String, Object> LOGIN =
      orderedMap(
          "_auth_user_id", "42",
          "_auth_user_backend", "django.contrib.auth.backends.ModelBackend",
          "_auth_user_hash", "4d1c9b0f3e2a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c",
          "name", "Zoë 😀",
          "visits", 3,
          "ratio", 0.25,
          "cart", List.of(orderedMap("sku", "A-1", "qty", 2)));

  @RegisterExtension
  final CapturedLogs storageLogs = CapturedLogs.of(DjangoSignedCookieStorage.class);

  @RegisterExtension final CapturedLogs engineLogs = CapturedLogs.of(StorageSessionStore.class);

  private final RealDjango django = RealDjango.require();
  // Django checks a cookie's age against the real time, so the store runs on it too
  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final SessionStore store =
      new DjangoSignedCookieSessionStore(
          SECRET_KEY, List.of(OLD_SECRET_KEY), SessionSettings.builder().clock(clock).build());

  @Test
  void openWhenDjangoMadeTheCookieReadsItsData() {
    String cookie = djangoCreate(SECRET_KEY, LOGIN, clock.instant());

    assertThat(cookie).startsWith(".");
    assertThat(dataOf(store.open(cookie))).isEqualTo(LOGIN);
  }

  @Test
  void djangoReadsTheCookieSessionkitMade() {
    String cookie = saved(LOGIN);

    assertThat(djangoLoad(SECRET_KEY, cookie)).isEqualTo(MAPPER.valueToTree(LOGIN));
  }

  @Test
  void sessionkitWritesTheSameCookieAsDjangoAtTheSameSecond() {
    assertThat(saved(LOGIN)).isEqualTo(djangoCreate(SECRET_KEY, LOGIN, clock.instant()));
  }

  @Test
  void openWhenDjangoSignedWithAFallbackSecretKeyReadsItAndResignsWithTheSecretKey() {
    Session session = store.open(djangoCreate(OLD_SECRET_KEY, LOGIN, clock.instant()));
    assertThat(dataOf(session)).isEqualTo(LOGIN);
    session.put("seen", true);
    session.save();

    assertThat(djangoLoad(SECRET_KEY, session.getSessionKey()).get("seen").booleanValue()).isTrue();
    assertThat(djangoLoad(OLD_SECRET_KEY, session.getSessionKey())).isEmpty();
  }

  @Test
  void openWhenDjangoSignedWithAnUnknownSecretKeyGivesNoSessionAndAWarning() {
    String cookie = djangoCreate(UNKNOWN_SECRET_KEY, LOGIN, clock.instant());

    Session session = store.open(cookie);

    assertThat(session.keySet()).isEmpty();
    assertThat(session.getSessionKey())
        .as("an unverified value is never the session's key")
        .isNull();
    assertThat(engineLogs.records()).isEmpty();
    assertThat(storageLogs.records())
        .singleElement()
        .satisfies(
            record ->
                assertThat(record.getMessage())
                    .contains("signature")
                    .doesNotContain(UNKNOWN_SECRET_KEY));
  }

  @Test
  void djangoReadsNothingFromACookieSignedWithAnotherSecretKey() {
    String cookie = saved(LOGIN);

    assertThat(djangoLoad(UNKNOWN_SECRET_KEY, cookie)).isEmpty();
  }

  @Test
  void aCookieSignedLongerAgoThanTheMaximumAgeIsRefusedByBoth() {
    Instant fifteenDaysAgo = clock.instant().minus(Duration.ofDays(15));
    String djangosOldCookie = djangoCreate(SECRET_KEY, LOGIN, fifteenDaysAgo);
    clock.set(fifteenDaysAgo);
    String sessionkitsOldCookie = saved(LOGIN);
    clock.advance(Duration.ofDays(15));

    assertThat(store.open(djangosOldCookie).keySet()).isEmpty();
    assertThat(storageLogs.records())
        .singleElement()
        .satisfies(
            record -> assertThat(record.getMessage()).contains("more than the maximum age ago"));
    assertThat(djangoLoad(SECRET_KEY, sessionkitsOldCookie)).isEmpty();
  }

  @Test
  void aCookieSignedWithinTheMaximumAgeIsReadByBoth() {
    Instant thirteenDaysAgo = clock.instant().minus(Duration.ofDays(13));
    String djangosCookie = djangoCreate(SECRET_KEY, LOGIN, thirteenDaysAgo);
    clock.set(thirteenDaysAgo);
    String sessionkitsCookie = saved(LOGIN);
    clock.advance(Duration.ofDays(13));

    assertThat(dataOf(store.open(djangosCookie))).isEqualTo(LOGIN);
    assertThat(djangoLoad(SECRET_KEY, sessionkitsCookie)).isEqualTo(MAPPER.valueToTree(LOGIN));
  }

  @Test
  void saveWhenTheCookieWouldBeOver4093BytesThrowsAndGivesNoCookie() {
    Session session = store.newSession();
    StringBuilder incompressible = new StringBuilder();
    Random random = new Random(7);
    for (int i = 0; i < 6000; i++) {
      incompressible.append((char) ('a' + random.nextInt(26)));
    }
    session.put("big", incompressible.toString());

    assertThatThrownBy(session::save).isInstanceOf(SessionTooLargeException.class);
    assertThat(session.getSessionKey()).isNull();
  }

  private String saved(Map<String, ?> data) {
    Session session = store.newSession();
    session.update(data);
    session.save();
    return session.getSessionKey();
  }

  private String djangoCreate(String secretKey, Map<String, ?> data, Instant at) {
    return django
        .run(
            secretKey,
            List.of(Map.of("op", "cookie_create", "data", data, "time", at.getEpochSecond())))
        .get(0)
        .stringValue();
  }

  private JsonNode djangoLoad(String secretKey, String cookie) {
    return django
        .run(secretKey, List.of(Map.of("op", "cookie_load", "value", cookie)))
        .get(0)
        .get("data");
  }

  private static Map<String, Object> dataOf(Session session) {
    Map<String, Object> data = new LinkedHashMap<>();
    session.entrySet().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
    return data;
  }
}
