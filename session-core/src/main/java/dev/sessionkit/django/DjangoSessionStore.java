package dev.sessionkit.django;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.engine.StorageSessionStore;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keeps sessions in the {@code django_session} table of a Django application, in Django's format,
 * so that both applications see the same sessions (and the same login):
 *
 * <pre>{@code
 * SessionStore store = new DjangoSessionStore(dataSource, djangoSecretKey, List.of());
 * }</pre>
 *
 * <p>The table is Django's, created by Django's {@code migrate} ({@code django.contrib.sessions});
 * this store adds nothing to it and creates nothing. The data is written and read by {@link
 * DjangoSessionCodec} with Django's {@code SECRET_KEY} (and {@code SECRET_KEY_FALLBACKS} for
 * reading); keys are 32 characters of {@code [a-z0-9]}, as Django's. Expired rows are neither
 * loaded nor kept by {@link #clearExpired()}, which deletes what Django's {@code clearsessions}
 * deletes. A save replaces a row only while it still holds the data the session loaded, so a
 * concurrent save (by Django or another instance) is merged, not lost.
 *
 * <p>Runs on PostgreSQL (verified against Django 3.2) and MySQL/MariaDB (the contract suite on
 * MariaDB; Django must run with {@code USE_TZ = True} there, so that {@code expire_date} is UTC).
 */
public final class DjangoSessionStore extends StorageSessionStore {

  /** Django's table name. */
  public static final String DEFAULT_TABLE_NAME = "django_session";

  private final String tableName;

  /** A store on Django's table with the default settings. */
  public DjangoSessionStore(
      DataSource dataSource, String secretKey, List<String> fallbackSecretKeys) {
    this(dataSource, secretKey, fallbackSecretKeys, SessionSettings.defaults());
  }

  /**
   * A store on Django's table following {@code settings}, whose codec is replaced by a {@link
   * DjangoSessionCodec} on the settings' clock.
   */
  public DjangoSessionStore(
      DataSource dataSource,
      String secretKey,
      List<String> fallbackSecretKeys,
      SessionSettings settings) {
    this(dataSource, secretKey, fallbackSecretKeys, settings, DEFAULT_TABLE_NAME);
  }

  /**
   * A store on the table {@code tableName}, laid out as Django's.
   *
   * @throws IllegalArgumentException when the secret key is empty, or {@code tableName} is not a
   *     plain (optionally schema-qualified) SQL identifier
   */
  public DjangoSessionStore(
      DataSource dataSource,
      String secretKey,
      List<String> fallbackSecretKeys,
      SessionSettings settings,
      String tableName) {
    super(
        new DjangoSessionStorage(dataSource, tableName, settings.clock()),
        settings.toBuilder()
            .codec(new DjangoSessionCodec(secretKey, fallbackSecretKeys, settings.clock()))
            .build());
    this.tableName = tableName;
  }

  /** The table sessions are stored in. */
  public String tableName() {
    return tableName;
  }
}
