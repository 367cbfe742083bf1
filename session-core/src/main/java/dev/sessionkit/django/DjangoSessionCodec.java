package dev.sessionkit.django;

import dev.sessionkit.JsonSessionCodec;
import dev.sessionkit.SessionCodec;
import dev.sessionkit.UnreadableSessionDataException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Django's {@code session_data}: what {@code django.contrib.sessions} (Django 3.1 and later) stores
 * in its {@code django_session} table, so that a Spring application and a Django application that
 * share a table and a {@code SECRET_KEY} share sessions (and with them a login).
 *
 * <pre>{@code
 * SessionCodec codec = new DjangoSessionCodec(djangoSecretKey, List.of(oldSecretKey));
 * SessionSettings settings = SessionSettings.builder().codec(codec).build();
 * }</pre>
 *
 * <p>{@link #encode} gives exactly what Django's {@code SessionStore().encode(data)} gives at the
 * same second: {@code signing.dumps(data, salt='django.contrib.sessions.SessionStore',
 * serializer=JSONSerializer, compress=True)}, that is compact JSON written as Python writes it
 * (ASCII only), zlib-compressed when shorter, URL-safe base64, a base 62 timestamp and an
 * HMAC-SHA256 signature keyed from the salt and the secret key. {@link #decode} reads what Django
 * wrote, verifying the signature against the secret key and then each fallback secret key (Django's
 * {@code SECRET_KEY_FALLBACKS}, for rotation); it always signs with the secret key.
 *
 * <p>Data whose signature matches no key, or that is malformed, throws {@link
 * UnreadableSessionDataException}: the store logs a warning and the session loads empty, as Django
 * does. The timestamp is not checked for age: as in Django, the table's {@code expire_date} decides
 * expiry. The values that round-trip between the two are Django's JSON ones: strings, numbers,
 * booleans, null, lists and string-keyed maps; records and POJOs are written as maps.
 *
 * <p>Secrets are never logged or shown. Immutable and thread-safe.
 */
public final class DjangoSessionCodec implements SessionCodec {

  /** The salt Django signs database session data with ({@code SessionBase.key_salt}). */
  public static final String SESSION_SALT = "django.contrib.sessions.SessionStore";

  private final String salt;
  private final DjangoSigner signer;
  private final Clock clock;
  private final JsonMapper mapper;
  private final JsonSessionCodec json;

  /** A codec for Django's {@code SECRET_KEY} alone, timestamped with the system clock. */
  public DjangoSessionCodec(String secretKey) {
    this(secretKey, List.of());
  }

  /**
   * A codec for Django's {@code SECRET_KEY} and {@code SECRET_KEY_FALLBACKS}, timestamped with the
   * system clock.
   */
  public DjangoSessionCodec(String secretKey, List<String> fallbackSecretKeys) {
    this(secretKey, fallbackSecretKeys, Clock.systemUTC());
  }

  /**
   * A codec for Django's {@code SECRET_KEY} and {@code SECRET_KEY_FALLBACKS}.
   *
   * @param secretKey signs what is written and verifies what is read (as Django takes it: its UTF-8
   *     bytes)
   * @param fallbackSecretKeys older secret keys, still accepted when reading, never used to sign
   * @param clock the time written into each signature
   * @throws IllegalArgumentException when the secret key is empty
   */
  public DjangoSessionCodec(String secretKey, List<String> fallbackSecretKeys, Clock clock) {
    this(SESSION_SALT, secretKey, fallbackSecretKeys, clock);
  }

  /** A codec signing under another of Django's salts, such as its signed cookies'. */
  DjangoSessionCodec(String salt, String secretKey, List<String> fallbackSecretKeys, Clock clock) {
    this.salt = salt;
    this.signer = new DjangoSigner(salt, secretKey, fallbackSecretKeys);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.mapper =
        JsonMapper.builder()
            // Python writes and reads NaN and Infinity
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    this.json = new JsonSessionCodec(mapper);
  }

  @Override
  public String encode(Map<String, ?> data) {
    JsonNode tree;
    try {
      tree = mapper.valueToTree(data);
    } catch (JacksonException ex) {
      throw new IllegalArgumentException(
          "Session data cannot be stored as JSON: " + ex.getOriginalMessage(), ex);
    }
    byte[] json = PythonJson.write(tree).getBytes(StandardCharsets.US_ASCII);
    return signer.sign(json, clock.instant());
  }

  /**
   * Verifies the signature, then reads the JSON as the default codec does (as Latin-1, as Django).
   */
  @Override
  public Map<String, Object> decode(String encoded) {
    return json.decode(new String(signer.unsign(encoded), StandardCharsets.ISO_8859_1));
  }

  @Override
  public <T> T convert(Object value, Class<T> type) {
    return json.convert(value, type);
  }

  @Override
  public String toString() {
    return "DjangoSessionCodec[salt=" + salt + ", secret keys not shown]";
  }
}
