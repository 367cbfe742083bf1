package dev.sessionkit.cookie;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cookies of the cookie backends holding any record text, as only the holder of the secret can
 * write them: for tests of what a store does with data it signed or encrypted itself but cannot
 * read (a codec change, a bug, a leaked secret).
 */
public final class CookieRecords {

  private static final String COOKIE_NAME = "sessionid";

  private CookieRecords() {}

  /** The signed ({@code encrypted} false) or encrypted cookie store with {@code secret}. */
  public static StorageSessionStore store(boolean encrypted, String secret) {
    return encrypted
        ? new EncryptedCookieSessionStore(secret, List.of(), SessionSettings.defaults())
        : new SignedCookieSessionStore(secret, List.of(), SessionSettings.defaults());
  }

  /**
   * A live cookie of {@link #store(boolean, String)} whose record holds {@code data}; null when no
   * cookie can hold it (over the size limit).
   */
  public static @Nullable String forge(boolean encrypted, String secret, String data) {
    CookieSecrets secrets = CookieSecrets.of(secret, List.of());
    CookieFormat format =
        encrypted ? new EncryptedCookieFormat(secrets) : new SignedCookieFormat(secrets);
    Clock clock = Clock.systemUTC();
    StoredRecord record =
        StoredRecord.builder()
            .data(data)
            .expiry(clock.instant().plus(Duration.ofHours(1)))
            .version(1)
            .build();
    try {
      return new CookieSessionStorage(format, clock, COOKIE_NAME).store(record);
    } catch (SessionTooLargeException ex) {
      return null;
    }
  }
}
