package dev.sessionkit.django;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sessionkit.UnreadableSessionDataException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codec against fixed values that Django 3.2 wrote ({@code django_sessions.py}, {@code
 * SessionStore().encode(...)} at second 1700000000); {@link DjangoInteropTests} checks the same
 * against a live Django.
 */
class DjangoSessionCodecTests {

  static final String SECRET_KEY = "django-insecure-test-secret-key-0123456789abcdefghijklmnop";
  static final String OLD_SECRET_KEY = "old-secret-key-that-was-rotated-out-0123456789";
  static final Instant SIGNED_AT = Instant.ofEpochSecond(1_700_000_000L);

  /** Django's encode of {"a": 1} with {@link #SECRET_KEY}: short, so not compressed. */
  static final String DJANGO_PLAIN =
      "eyJhIjoxfQ:1r31eq:apztfgtVaVX4uQBboGFnfHTbXa-0irMequZDW2WXANI";

  /** Django's encode of a login and a cart with {@link #SECRET_KEY}: compressed. */
  static final String DJANGO_COMPRESSED =
      ".eJyrVopPLC3JiC8tTi2Kz0xRslIyMVLSUUpOLCpRsopWSiwoyEkF8smjY2sBvLoebA:1r31eq:"
          + "kRsmPUW7my_mE7zB8BjvlqWZ7uY18sfYZ5T8kEeN-Og";

  /** The same data signed by Django when {@link #OLD_SECRET_KEY} was its SECRET_KEY. */
  static final String DJANGO_COMPRESSED_OLD_KEY =
      ".eJyrVopPLC3JiC8tTi2Kz0xRslIyMVLSUUpOLCpRsopWSiwoyEkF8smjY2sBvLoebA:1r31eq:"
          + "s1VsuEJKIPr8lI_UUPutw6TXFu6bK7xXRE51PAWJb4w";

  static final Map<String, Object> CART =
      orderedMap(
          "_auth_user_id",
          "42",
          "cart",
          List.of("apple", "apple", "apple", "apple", "apple", "apple", "apple", "apple"));

  private final DjangoSessionCodec codec =
      new DjangoSessionCodec(
          SECRET_KEY, List.of(OLD_SECRET_KEY), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

  @Test
  void encodeWhenDataIsShortWritesWhatDjangoWritesUncompressed() {
    assertThat(codec.encode(Map.of("a", 1))).isEqualTo(DJANGO_PLAIN);
  }

  @Test
  void encodeWhenCompressionSavesSpaceWritesWhatDjangoWritesCompressed() {
    assertThat(codec.encode(CART)).isEqualTo(DJANGO_COMPRESSED);
  }

  @Test
  void decodeWhenDjangoWroteItReturnsTheData() {
    assertThat(codec.decode(DJANGO_PLAIN)).containsExactly(Map.entry("a", 1));
    assertThat(codec.decode(DJANGO_COMPRESSED)).isEqualTo(CART);
  }

  @Test
  void decodeWhenSignedWithAFallbackSecretKeyReturnsTheData() {
    assertThat(codec.decode(DJANGO_COMPRESSED_OLD_KEY)).isEqualTo(CART);
  }

  @Test
  void encodeWhenFallbackSecretKeysExistSignsWithTheSecretKey() {
    var currentOnly =
        new DjangoSessionCodec(SECRET_KEY, List.of(), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    assertThat(currentOnly.decode(codec.encode(CART))).isEqualTo(CART);
  }

  @Test
  void decodeWhenSignedWithAnUnknownSecretKeyThrowsUnreadable() {
    var otherSecret = new DjangoSessionCodec("another-secret-key-entirely-0123456789abcdef");
    assertThatThrownBy(() -> otherSecret.decode(DJANGO_COMPRESSED))
        .isInstanceOf(UnreadableSessionDataException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void decodeWhenTheFallbackKeyIsNotConfiguredRejectsDataItSigned() {
    var withoutFallback = new DjangoSessionCodec(SECRET_KEY);
    assertThatThrownBy(() -> withoutFallback.decode(DJANGO_COMPRESSED_OLD_KEY))
        .isInstanceOf(UnreadableSessionDataException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "eyJhIjoxfQ",
        "eyJhIjoxfQ:1r31eq:apztfgtVaVX4uQBboGFnfHTbXa-0irMequZDW2WXANJ",
        "eyJhIjoyfQ:1r31eq:apztfgtVaVX4uQBboGFnfHTbXa-0irMequZDW2WXANI",
        "eyJhIjoxfQ:1r31er:apztfgtVaVX4uQBboGFnfHTbXa-0irMequZDW2WXANI",
        "eyJhIjoxfQ:1r31eq:apztfgtVaVX4uQBboGFnfHTbXa-0irMequZDW2WXANI=",
        "eyJhIjoxfQ:1r31eq:",
      })
  void decodeWhenTamperedOrTruncatedThrowsUnreadable(String encoded) {
    assertThatThrownBy(() -> codec.decode(encoded))
        .isInstanceOf(UnreadableSessionDataException.class);
  }

  @Test
  void decodeWhenSignedButMalformedThrowsUnreadableForEachFault() {
    var signer = new DjangoSigner(DjangoSessionCodec.SESSION_SALT, SECRET_KEY, List.of());
    String notJson = signer.sign("not json".getBytes(StandardCharsets.UTF_8), SIGNED_AT);
    String notObject = signer.sign("[1,2]".getBytes(StandardCharsets.UTF_8), SIGNED_AT);
    String badTimestamp = sign("eyJhIjoxfQ:1r3!eq");
    String badBase64 = sign("ey*hIjoxfQ:1r31eq");
    String notZlib = sign(".eyJhIjoxfQ:1r31eq");

    assertThatThrownBy(() -> codec.decode(notJson)).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> codec.decode(notObject)).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> codec.decode(badTimestamp)).hasMessageContaining("timestamp");
    assertThatThrownBy(() -> codec.decode(badBase64)).hasMessageContaining("base64url");
    assertThatThrownBy(() -> codec.decode(notZlib)).hasMessageContaining("zlib");
  }

  @Test
  void decodeWhenSignedDataInflatesBeyondTheLimitThrowsUnreadable() {
    var signer = new DjangoSigner(DjangoSessionCodec.SESSION_SALT, SECRET_KEY, List.of());
    byte[] huge =
        ("{\"a\":\"" + "a".repeat(DjangoSigner.MAX_PAYLOAD_BYTES) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    String bomb = signer.sign(huge, SIGNED_AT);

    assertThat(bomb).startsWith(".");
    assertThatThrownBy(() -> codec.decode(bomb))
        .isInstanceOf(UnreadableSessionDataException.class)
        .hasMessageContaining("decompresses to more than");
  }

  @Test
  void encodeThenDecodeKeepsJsonValuesAndOrder() {
    Map<String, Object> data =
        orderedMap(
            "text",
            "Grüße, 😀 \"quoted\"\n",
            "int",
            7,
            "long",
            12_345_678_901L,
            "double",
            0.1,
            "bool",
            true,
            "null",
            null,
            "list",
            List.of(1, "two", List.of()),
            "map",
            Map.of("k", "v"));

    Map<String, Object> decoded = codec.decode(codec.encode(data));

    assertThat(decoded).isEqualTo(data);
    assertThat(decoded.keySet()).containsExactlyElementsOf(data.keySet());
  }

  @Test
  void encodeWritesRecordsAsMapsThatConvertBack() {
    record Item(String name, int quantity) {}

    Map<String, Object> decoded = codec.decode(codec.encode(Map.of("item", new Item("pen", 2))));

    assertThat(decoded.get("item")).isEqualTo(Map.of("name", "pen", "quantity", 2));
    assertThat(codec.convert(decoded.get("item"), Item.class)).isEqualTo(new Item("pen", 2));
  }

  @Test
  void constructorWhenSecretKeyIsEmptyThrowsNamingTheSetting() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DjangoSessionCodec(""))
        .withMessageContaining("SECRET_KEY");
  }

  @Test
  void toStringAndFailuresNeverShowASecretKey() {
    var failure = catchThrowable(() -> new DjangoSessionCodec(OLD_SECRET_KEY).decode(DJANGO_PLAIN));

    assertThat(codec.toString()).doesNotContain(SECRET_KEY).doesNotContain(OLD_SECRET_KEY);
    assertThat(failure).isInstanceOf(UnreadableSessionDataException.class);
    assertThat(failure.getMessage()).doesNotContain(OLD_SECRET_KEY).doesNotContain(DJANGO_PLAIN);
  }

  /** Signs {@code value} (payload and timestamp) as Django would, whatever it holds. */
  private static String sign(String value) {
    var key =
        new SecretKeySpec(
            sha256(DjangoSessionCodec.SESSION_SALT + "signer" + SECRET_KEY), "HmacSHA256");
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return value
          + ":"
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException ex) {
      throw new AssertionError(ex);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException ex) {
      throw new AssertionError(ex);
    }
  }

  static Map<String, Object> orderedMap(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
