package dev.sessionkit.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.CapturedLogs;
import dev.sessionkit.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the cookie backends guarantee beyond the store contract: a cookie that is not a live one of
 * this store opens an empty session with a warning that shows neither the value nor a secret;
 * fallback secrets read; a cookie over the size limit is refused at save; signed data is readable,
 * encrypted data is not. Each test runs on both backends.
 */
class CookieSessionStoreTests {

  static final String SECRET = "current-secret-of-thirty-two-bytes-or-more";
  static final String OLD_SECRET = "previous-secret-of-thirty-two-bytes-or-more";
  static final String FOREIGN_SECRET = "someone-elses-secret-of-thirty-two-bytes";
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** The two cookie backends, built the same way. */
  enum Backend {
    SIGNED {
      @Override
      StorageSessionStore store(String secret, List<String> fallbacks, SessionSettings settings) {
        return new SignedCookieSessionStore(secret, fallbacks, settings);
      }
    },
    ENCRYPTED {
      @Override
      StorageSessionStore store(String secret, List<String> fallbacks, SessionSettings settings) {
        return new EncryptedCookieSessionStore(secret, fallbacks, settings);
      }
    };

    abstract StorageSessionStore store(
        String secret, List<String> fallbacks, SessionSettings settings);
  }

  private final MutableClock clock = MutableClock.at(START);
  private final SessionSettings settings = SessionSettings.builder().clock(clock).build();
  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(CookieSessionStorage.class);

  @ParameterizedTest
  @EnumSource
  void savedSessionLoadsFromItsCookieAndEverySaveOfAChangeGivesANewCookie(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);
    String first = saved(store, Map.of("cart", List.of("book"), "n", 1));

    Session session = store.open(first);
    session.put("n", 2);
    session.remove("cart");
    session.save();

    assertThat(session.getSessionKey()).isNotEqualTo(first);
    assertThat(store.open(session.getSessionKey()).entrySet()).containsExactly(entry("n", 2));
    assertThat(store.open(first).entrySet())
        .containsExactlyInAnyOrder(entry("cart", List.of("book")), entry("n", 1));
  }

  @ParameterizedTest
  @EnumSource
  void cookieHoldsOnlyCharactersACookieValueMayHoldUnquoted(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);

    String cookie = saved(store, Map.of("text", "ümlaut; \"quoted\", spaced\\ =", "n", 1));

    assertThat(cookie).matches("[A-Za-z0-9_.:-]+");
  }

  @ParameterizedTest
  @EnumSource
  void cookieWithOneByteChangedOpensEmptyWithAWarningThatShowsNeitherValueNorSecret(
      Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);
    String cookie = saved(store, Map.of("role", "user"));

    for (int position :
        new int[] {1, cookie.length() / 2, cookie.length() - 2, cookie.length() - 1}) {
      logs.clear();
      String tampered = changedAt(cookie, position);

      Session session = store.open(tampered);

      assertThat(session.keySet()).as("tampered at %d", position).isEmpty();
      assertThat(logs.records())
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage())
                    .contains(backend == Backend.SIGNED ? "signed-cookies" : "encrypted-cookies")
                    .doesNotContain(tampered)
                    .doesNotContain(cookie)
                    .doesNotContain(SECRET);
              });
    }
  }

  @ParameterizedTest
  @EnumSource
  void truncatedCookieOpensEmpty(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);
    String cookie = saved(store, Map.of("a", 1));

    for (int length : new int[] {cookie.length() - 1, cookie.length() / 2, 1}) {
      Session session = store.open(cookie.substring(0, length));

      assertThat(session.keySet()).as("first %d characters", length).isEmpty();
    }
    assertThat(logs.records()).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource
  void garbageNeverThrowsAndOpensEmpty(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);

    for (String garbage :
        List.of("x", ":", "::", ".:0:", "....", "a:b:c", "%%%", "AAAA", "é", "a".repeat(5000))) {
      Session session = store.open(garbage);
      assertThatNoException().isThrownBy(session::keySet);
      assertThat(session.keySet()).as(garbage).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource
  void cookieWrittenWithAnotherSecretOpensEmpty(Backend backend) {
    String foreign = saved(backend.store(FOREIGN_SECRET, List.of(), settings), Map.of("a", 1));
    StorageSessionStore store = backend.store(SECRET, List.of(OLD_SECRET), settings);

    assertThat(store.open(foreign).keySet()).isEmpty();
    assertThat(logs.records()).singleElement();
  }

  @ParameterizedTest
  @EnumSource
  void cookieWrittenWithAFallbackSecretLoadsAndItsNextSaveUsesTheCurrentSecret(Backend backend) {
    String old = saved(backend.store(OLD_SECRET, List.of(), settings), Map.of("a", 1));
    StorageSessionStore rotated =
        backend.store(SECRET, List.of(FOREIGN_SECRET, OLD_SECRET), settings);

    Session session = rotated.open(old);
    assertThat(session.get("a")).isEqualTo(1);
    session.put("b", 2);
    session.save();

    StorageSessionStore currentOnly = backend.store(SECRET, List.of(), settings);
    assertThat(currentOnly.open(session.getSessionKey()).entrySet())
        .containsExactlyInAnyOrder(entry("a", 1), entry("b", 2));
    assertThat(
            backend.store(OLD_SECRET, List.of(), settings).open(session.getSessionKey()).keySet())
        .isEmpty();
    assertThat(logs.records()).singleElement();
  }

  @ParameterizedTest
  @EnumSource
  void expiredCookieOpensEmptyWithAWarning(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);
    Session session = store.newSession();
    session.setExpiry(Duration.ofMinutes(30));
    session.put("a", 1);
    session.save();
    String cookie = session.getSessionKey();

    clock.advance(Duration.ofMinutes(29));
    assertThat(store.open(cookie).get("a")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.open(cookie).keySet()).isEmpty();
    assertThat(logs.records())
        .singleElement()
        .satisfies(record -> assertThat(record.getMessage()).contains("expired"));
  }

  @ParameterizedTest
  @EnumSource
  void expiryIsCountedFromTheLastSaveOfTheCookie(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);
    String first = saved(store, Map.of("a", 1));
    clock.advance(Duration.ofDays(10));
    Session session = store.open(first);
    session.put("b", 2);
    session.save();

    clock.advance(Duration.ofDays(5));

    assertThat(store.open(first).keySet()).isEmpty();
    assertThat(store.open(session.getSessionKey()).get("a")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource
  void sessionThatWouldMakeTheCookieTooLargeFailsAtSaveNamingSizeAndLimit(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);
    Session session = store.newSession();
    session.put("noise", randomText(4_000));

    assertThatThrownBy(session::save)
        .isInstanceOfSatisfying(
            SessionTooLargeException.class,
            ex -> {
              assertThat(ex.limit()).isEqualTo(4_093);
              assertThat(ex.size()).isGreaterThan(4_093);
              assertThat(ex.getMessage())
                  .contains(String.valueOf(ex.size()))
                  .contains("4093")
                  .doesNotContain(SECRET);
            });
    assertThat(session.getSessionKey()).isNull();
  }

  @Test
  void sizeLimitCountsTheCookieNameAndTheEqualsSign() {
    CookieFormat asIs =
        new CookieFormat() {
          @Override
          public String write(String payload, Instant now) {
            return payload;
          }

          @Override
          public String read(String value) {
            return value;
          }

          @Override
          public String backend() {
            return "as-is";
          }
        };
    String header = START.plusSeconds(60) + "\n";
    StoredRecord record =
        StoredRecord.builder()
            .data("x".repeat(4_093 - "s=".length() - header.length()))
            .expiry(START.plusSeconds(60))
            .build();

    assertThat("s=" + new CookieSessionStorage(asIs, clock, "s").store(record)).hasSize(4_093);
    assertThatThrownBy(() -> new CookieSessionStorage(asIs, clock, "ss").store(record))
        .isInstanceOfSatisfying(
            SessionTooLargeException.class,
            ex -> {
              assertThat(ex.size()).isEqualTo(4_094);
              assertThat(ex.limit()).isEqualTo(4_093);
            });
  }

  @Test
  void signedCookieDataIsReadableButACookieWithChangedDataDoesNotLoad() {
    StorageSessionStore store = new SignedCookieSessionStore(SECRET, List.of(), settings);
    String cookie = saved(store, Map.of("role", "user"));
    String payload = cookie.substring(0, cookie.indexOf(':'));

    String readable = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    assertThat(readable).contains("\"role\"").contains("\"user\"");

    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    readable.replace("\"user\"", "\"root\"").getBytes(StandardCharsets.UTF_8))
            + cookie.substring(cookie.indexOf(':'));
    assertThat(store.open(forged).keySet()).isEmpty();
  }

  @Test
  void signedCookieIsCompressedWhenThatMakesItSmallerAndMarkedWithALeadingDot() {
    StorageSessionStore store = new SignedCookieSessionStore(SECRET, List.of(), settings);

    String compressible = saved(store, Map.of("text", "la ".repeat(1_000)));
    String small = saved(store, Map.of("a", 1));

    assertThat(compressible).startsWith(".").hasSizeLessThan(1_000);
    assertThat(store.open(compressible).get("text")).isEqualTo("la ".repeat(1_000));
    assertThat(small).doesNotStartWith(".");
  }

  @Test
  void encryptedCookieShowsNoneOfTheDataAndDiffersAtEveryWriteOfTheSameData() {
    StorageSessionStore store = new EncryptedCookieSessionStore(SECRET, List.of(), settings);

    String first = saved(store, Map.of("card", "4111111111111111"));
    String second = saved(store, Map.of("card", "4111111111111111"));

    assertThat(first).isNotEqualTo(second);
    for (String cookie : List.of(first, second)) {
      assertThat(cookie).doesNotContain("4111").doesNotContain("card");
      String decoded =
          new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.ISO_8859_1);
      assertThat(decoded).doesNotContain("4111111111111111").doesNotContain("card");
      assertThat(store.open(cookie).get("card")).isEqualTo("4111111111111111");
    }
  }

  @Test
  void signedAndEncryptedStoresWithTheSameSecretDoNotReadEachOthersCookies() {
    StorageSessionStore signed = new SignedCookieSessionStore(SECRET, List.of(), settings);
    StorageSessionStore encrypted = new EncryptedCookieSessionStore(SECRET, List.of(), settings);

    assertThat(encrypted.open(saved(signed, Map.of("a", 1))).keySet()).isEmpty();
    assertThat(signed.open(saved(encrypted, Map.of("a", 1))).keySet()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource
  void existsIsFalseDeleteDoesNothingAndClearExpiredRemovesNothingAsInDjangosSignedCookies(
      Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);
    String cookie = saved(store, Map.of("a", 1));

    assertThat(store.exists(cookie)).isFalse();
    store.delete(cookie);
    assertThat(store.open(cookie).get("a")).isEqualTo(1);
    clock.advance(Duration.ofDays(15));
    assertThat(store.clearExpired()).isZero();
    assertThat(store.capabilities().ownsKeyFormat()).isTrue();
    assertThat(store.capabilities().expiresRecordsItself()).isTrue();
  }

  @ParameterizedTest
  @EnumSource
  void sessionDeleteEmptiesTheSessionAndDropsItsKeyAsInDjangosSignedCookies(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);
    Session session = store.open(saved(store, Map.of("user", "alice")));

    session.delete();

    assertThat(session.getSessionKey()).isNull();
    assertThat(session.isEmpty()).isTrue();
    assertThat(session.isModified()).isTrue();
  }

  @ParameterizedTest
  @EnumSource
  void cycleKeyAndFlushWorkOnTheCookie(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(), settings);
    Session session = store.open(saved(store, Map.of("a", 1)));
    String before = session.getSessionKey();

    session.cycleKey();
    session.save();

    if (backend == Backend.ENCRYPTED) {
      // a signed cookie of the same data in the same second is the same cookie
      assertThat(session.getSessionKey()).isNotEqualTo(before);
    }
    assertThat(store.open(session.getSessionKey()).get("a")).isEqualTo(1);
    session.flush();
    assertThat(session.getSessionKey()).isNull();
    assertThat(session.isEmpty()).isTrue();
  }

  @ParameterizedTest
  @EnumSource
  void secretShorterThan32BytesIsRefusedWithAMessageThatDoesNotShowIt(Backend backend) {
    String shortSecret = "only-thirty-one-bytes-long-here";
    assertThat(shortSecret.getBytes(StandardCharsets.UTF_8)).hasSize(31);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> backend.store(shortSecret, List.of(), settings))
        .withMessageContaining("at least 32 bytes")
        .withMessageContaining("31 bytes")
        .withMessageNotContaining(shortSecret);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> backend.store(SECRET, List.of(OLD_SECRET, shortSecret), settings))
        .withMessageContaining("Fallback secret 2")
        .withMessageNotContaining(shortSecret);
    assertThatIllegalArgumentException().isThrownBy(() -> backend.store("", List.of(), settings));
  }

  @Test
  void byteSecretsWorkAsTheirStringForm() {
    byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
    String cookie =
        saved(
            new SignedCookieSessionStore(
                secret, List.of(), settings, SignedCookieSessionStore.DEFAULT_COOKIE_NAME),
            Map.of("a", 1));

    assertThat(new SignedCookieSessionStore(SECRET, List.of(), settings).open(cookie).get("a"))
        .isEqualTo(1);
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new EncryptedCookieSessionStore(
                    new byte[31],
                    List.of(),
                    settings,
                    EncryptedCookieSessionStore.DEFAULT_COOKIE_NAME));
  }

  @ParameterizedTest
  @EnumSource
  void toStringNamesTheBackendButNoSecret(Backend backend) {
    StorageSessionStore store = backend.store(SECRET, List.of(OLD_SECRET), settings);

    assertThat(store.toString())
        .contains(store.backend())
        .doesNotContain(SECRET)
        .doesNotContain(OLD_SECRET);
    assertThat(store.backend()).isIn("signed-cookies", "encrypted-cookies");
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    HexFormat hex = HexFormat.of();
    byte[] okm =
        Hkdf.derive(
            hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            hex.parseHex("000102030405060708090a0b0c"),
            hex.parseHex("f0f1f2f3f4f5f6f7f8f9"),
            42);

    assertThat(hex.formatHex(okm))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                + "34007208d5b887185865");
  }

  private static String saved(StorageSessionStore store, Map<String, ?> data) {
    Session session = store.newSession();
    session.update(data);
    session.save();
    return session.getSessionKey();
  }

  private static String changedAt(String cookie, int position) {
    char original = cookie.charAt(position);
    char replacement = original == 'A' ? 'B' : 'A';
    return cookie.substring(0, position) + replacement + cookie.substring(position + 1);
  }

  private static String randomText(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder text = new StringBuilder(length);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
