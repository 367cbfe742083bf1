package dev.sessionkit.boot.cookie;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.ConditionalOnSessionBackend;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.SessionkitConfigurationException;
import dev.sessionkit.boot.SessionkitProperties;
import dev.sessionkit.boot.SessionkitProperties.Backend;
import dev.sessionkit.boot.cookie.SessionkitCookieStoreProperties.Format;
import dev.sessionkit.cookie.EncryptedCookieSessionStore;
import dev.sessionkit.cookie.SignedCookieSessionStore;
import dev.sessionkit.django.DjangoSignedCookieSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the cookie backends: {@code sessionkit.backend=signed-cookies} gives a
 * {@link SignedCookieSessionStore}, {@code encrypted-cookies} an {@link
 * EncryptedCookieSessionStore}, each with {@code sessionkit.cookie-store.secret} and {@code
 * fallback-secrets}, the application's session settings and the name of the session cookie (counted
 * towards the 4,093-byte limit). With {@code sessionkit.cookie-store.format=django}, the signed
 * cookies are Django's ({@link DjangoSignedCookieSessionStore}). Backs off when the application
 * defines its own {@link SessionStore}.
 *
 * <p>A missing secret, or one shorter than 32 bytes, stops the startup with a failure analysis;
 * there is never a default secret, and no message shows one.
 */
@AutoConfiguration(before = SessionkitAutoConfiguration.class)
@EnableConfigurationProperties({SessionkitCookieStoreProperties.class, SessionkitProperties.class})
public final class SessionkitCookieStoreAutoConfiguration {

  /** The fewest bytes a secret may have: 256 bits. */
  static final int MIN_SECRET_BYTES = 32;

  /**
   * Added to the action for a short fallback secret among several: a single value Spring Boot binds
   * to a list is split at its commas, so a secret that contains one arrives in pieces.
   */
  private static final String COMMA_SPLIT_HINT =
      " If that entry is a piece of a secret that contains a comma, give the secret as one list"
          + " item (a YAML list entry, or sessionkit.cookie-store.fallback-secrets[0]=...): Spring"
          + " Boot splits a single value at its commas.";

  /** {@code signed-cookies}: the data in the cookie, readable by the visitor, signed. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(SessionStore.class)
  @ConditionalOnSessionBackend(Backend.SIGNED_COOKIES)
  static class SignedCookiesConfiguration {

    @Bean
    StorageSessionStore sessionStore(
        SessionkitCookieStoreProperties cookieStore,
        SessionkitProperties properties,
        SessionSettings settings) {
      String secret = requireSecret(cookieStore, "signed-cookies");
      List<String> fallbacks = checkedFallbacks(cookieStore);
      String cookieName = properties.getCookie().getName();
      return cookieStore.getFormat() == Format.DJANGO
          ? new DjangoSignedCookieSessionStore(secret, fallbacks, settings, cookieName)
          : new SignedCookieSessionStore(secret, fallbacks, settings, cookieName);
    }
  }

  /** {@code encrypted-cookies}: the data in the cookie, encrypted. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(SessionStore.class)
  @ConditionalOnSessionBackend(Backend.ENCRYPTED_COOKIES)
  static class EncryptedCookiesConfiguration {

    @Bean
    EncryptedCookieSessionStore sessionStore(
        SessionkitCookieStoreProperties cookieStore,
        SessionkitProperties properties,
        SessionSettings settings) {
      if (cookieStore.getFormat() == Format.DJANGO) {
        throw new SessionkitConfigurationException(
            "sessionkit.cookie-store.format is 'django', but sessionkit.backend is"
                + " 'encrypted-cookies'; Django has no encrypted cookie format.",
            "Set sessionkit.backend to 'signed-cookies' to share cookies with Django's"
                + " signed_cookies backend, or remove sessionkit.cookie-store.format.");
      }
      return new EncryptedCookieSessionStore(
          requireSecret(cookieStore, "encrypted-cookies"),
          checkedFallbacks(cookieStore),
          settings,
          properties.getCookie().getName());
    }
  }

  private static String requireSecret(SessionkitCookieStoreProperties cookieStore, String backend) {
    String secret = cookieStore.getSecret();
    if (secret == null || secret.isEmpty()) {
      throw new SessionkitConfigurationException(
          "sessionkit.backend is '"
              + backend
              + "', but sessionkit.cookie-store.secret is not set; the session cookies cannot be"
              + " protected without a secret, and there is no default one.",
          generateSecretAction("Set sessionkit.cookie-store.secret"));
    }
    checkLength(secret, "sessionkit.cookie-store.secret");
    return secret;
  }

  private static List<String> checkedFallbacks(SessionkitCookieStoreProperties cookieStore) {
    List<String> fallbacks = List.copyOf(cookieStore.getFallbackSecrets());
    for (int i = 0; i < fallbacks.size(); i++) {
      checkLength(
          fallbacks.get(i),
          "sessionkit.cookie-store.fallback-secrets[" + i + "]",
          fallbacks.size() > 1 ? COMMA_SPLIT_HINT : "");
    }
    return fallbacks;
  }

  private static void checkLength(String secret, String property) {
    checkLength(secret, property, "");
  }

  private static void checkLength(String secret, String property, String hint) {
    int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < MIN_SECRET_BYTES) {
      throw new SessionkitConfigurationException(
          property
              + " is "
              + bytes
              + " bytes long; a cookie store secret must be at least "
              + MIN_SECRET_BYTES
              + " bytes (256 bits).",
          generateSecretAction("Set " + property) + hint);
    }
  }

  private static String generateSecretAction(String set) {
    return set
        + " to at least "
        + MIN_SECRET_BYTES
        + " bytes of random data, such as the output of 'openssl rand -base64 32', taken from an"
        + " environment variable or a secret store rather than a file in the repository; or set"
        + " sessionkit.backend to a server-side backend such as 'db' or 'redis'.";
  }
}
