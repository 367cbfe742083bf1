package dev.sessionkit.django;

import static dev.sessionkit.django.DjangoSessionCodecTests.OLD_SECRET_KEY;
import static dev.sessionkit.django.DjangoSessionCodecTests.SECRET_KEY;
import static dev.sessionkit.django.DjangoSessionCodecTests.orderedMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.testing.RealDjango;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DjangoSessionCodec} against a live Django ({@link RealDjango}): what Django's {@code
 * SessionStore().encode} writes, sessionkit reads; what sessionkit writes, Django's {@code
 * SessionStore().decode} reads; at the same second both write the same bytes.
 */
class DjangoInteropTests {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
  private static final String UNKNOWN_SECRET_KEY = "a-secret-key-sessionkit-was-never-told-0123";

  /**
   * Session data as Django applications keep it: a login, text in many scripts, numbers, a cart.
   */
  private static final Map<String, Object> LOGIN =
      orderedMap(
          "_auth_user_id",
          "42",
          "_auth_user_backend",
          "django.contrib.auth.backends.ModelBackend",
          "_auth_user_hash",
          "4d1c9b0f3e2a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c",
          "greeting",
          "Grüße, こんにちは, 😀 \"quoted\" \\ / \n\t\u0001\u007f",
          "visits",
          3,
          "big",
          new BigInteger("123456789012345678901234567890"),
          "ratio",
          0.1,
          "tiny",
          1.0e-7,
          "huge",
          1.5e16,
          "negative",
          -2.5,
          "flag",
          true,
          "nothing",
          null,
          "cart",
          List.of(Map.of("sku", "A-1", "qty", 2), Map.of("sku", "B-2", "qty", 1)),
          "prefs",
          orderedMap("theme", "dark", "lang", "de"),
          "empty",
          List.of());

  /** Short enough that compressing would not make it shorter: Django stores it uncompressed. */
  private static final Map<String, Object> SHORT = Map.of("a", 1);

  private final RealDjango django = RealDjango.require();
  private final DjangoSessionCodec codec =
      new DjangoSessionCodec(SECRET_KEY, List.of(OLD_SECRET_KEY), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void decodeWhenDjangoWroteItUncompressedReturnsTheData() {
    String sessionData = djangoEncode(SECRET_KEY, SHORT);

    assertThat(sessionData).doesNotStartWith(".");
    assertThat(codec.decode(sessionData)).isEqualTo(SHORT);
  }

  @Test
  void decodeWhenDjangoWroteItCompressedReturnsTheData() {
    String sessionData = djangoEncode(SECRET_KEY, LOGIN);

    assertThat(sessionData).startsWith(".");
    assertThat(codec.decode(sessionData)).isEqualTo(LOGIN);
  }

  @Test
  void decodeWhenDjangoWroteMuchDataReturnsAllOfIt() {
    Map<String, Object> large = orderedMap("rows", rows(2000));

    assertThat(codec.decode(djangoEncode(SECRET_KEY, large))).isEqualTo(large);
  }

  @Test
  void encodeWritesWhatDjangoReads() {
    for (Map<String, Object> data : List.of(SHORT, LOGIN, orderedMap("rows", rows(2000)))) {
      String sessionData = codec.encode(data);

      assertThat(djangoDecode(SECRET_KEY, sessionData))
          .as("Django's decode of %s", sessionData.substring(0, 12))
          .isEqualTo(MAPPER.valueToTree(data));
    }
  }

  @Test
  void encodeAtTheSameSecondWritesTheSameBytesAsDjango() {
    for (Map<String, Object> data : List.of(SHORT, LOGIN, orderedMap("rows", rows(300)))) {
      assertThat(codec.encode(data)).isEqualTo(djangoEncode(SECRET_KEY, data));
    }
  }

  @Test
  void decodeWhenDjangoSignedWithWhatIsNowAFallbackSecretKeyReturnsTheData() {
    String signedWithOldKey = djangoEncode(OLD_SECRET_KEY, LOGIN);

    assertThat(codec.decode(signedWithOldKey)).isEqualTo(LOGIN);
  }

  @Test
  void encodeWithFallbackSecretKeysSignsWithTheSecretKeyOnly() {
    String sessionData = codec.encode(LOGIN);

    assertThat(djangoDecode(SECRET_KEY, sessionData)).isEqualTo(MAPPER.valueToTree(LOGIN));
    assertThat(djangoDecode(OLD_SECRET_KEY, sessionData)).isEmpty();
  }

  @Test
  void decodeWhenDjangoSignedWithAnUnknownSecretKeyThrowsUnreadable() {
    String foreign = djangoEncode(UNKNOWN_SECRET_KEY, LOGIN);

    assertThatThrownBy(() -> codec.decode(foreign))
        .isInstanceOf(UnreadableSessionDataException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void djangoDecodeWhenSessionkitSignedWithAnotherSecretKeyReadsNothing() {
    String sessionData = new DjangoSessionCodec(UNKNOWN_SECRET_KEY).encode(LOGIN);

    assertThat(djangoDecode(SECRET_KEY, sessionData)).isEmpty();
  }

  private String djangoEncode(String secretKey, Map<String, ?> data) {
    JsonNode results =
        django.run(
            secretKey, List.of(Map.of("op", "encode", "data", data, "time", NOW.getEpochSecond())));
    return results.get(0).stringValue();
  }

  private JsonNode djangoDecode(String secretKey, String sessionData) {
    JsonNode results =
        django.run(secretKey, List.of(Map.of("op", "decode", "session_data", sessionData)));
    return results.get(0).get("data");
  }

  private static List<Object> rows(int count) {
    List<Object> rows = new ArrayList<>(count);
    IntStream.range(0, count)
        .forEach(i -> rows.add(orderedMap("id", i, "name", "row " + i, "score", i / 7.0)));
    return rows;
  }
}
