package dev.sessionkit.cacheddb;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionStorage;
import javax.sql.DataSource;
import org.springframework.cache.Cache;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Keeps sessions in a database table, with a copy of each in a fast store in front of it: Django's
 * {@code cached_db}. Reads are served from the fast store; writes go to the database first, then to
 * the fast store; a deleted session is removed from both.
 *
 * <pre>{@code
 * // several instances: the copies in Redis, shared by all of them
 * SessionStore store = CachedDbSessionStore.withRedis(dataSource, connectionFactory, settings);
 * // one instance: the copies in memory
 * SessionStore store =
 *     new CachedDbSessionStore(dataSource, SessionCaches.caffeine("sessions", 100_000, clock));
 * }</pre>
 *
 * <p>The database is the truth: a session whose copy was evicted, or never made, is read from the
 * table and copied again. Saves check the version in the table, so concurrent saves merge as with
 * {@link JdbcSessionStore}; a copy that turns out stale is dropped, never compared against. When
 * the fast store fails, the failure is logged (without the session key) and the request carries on
 * with the database alone; it never fails because of the fast store.
 *
 * <p>With more than one instance of the application, the fast store must be shared by all of them
 * (Redis). An in-process cache in front of a shared database lets an instance read its own copy of
 * a session that another instance has since changed or deleted (a logout there still reads as
 * logged in here), until this instance saves that session itself.
 */
public final class CachedDbSessionStore extends StorageSessionStore {

  /** The prefix of the Redis keys of the copies unless another is named. */
  public static final String DEFAULT_KEY_PREFIX = "sessionkit:cached-db:";

  /**
   * A store on the default table of {@code dataSource}, with copies in {@code cache} (such as
   * {@link dev.sessionkit.cache.SessionCaches#caffeine}), and the default settings.
   */
  public CachedDbSessionStore(DataSource dataSource, Cache cache) {
    this(dataSource, cache, SessionSettings.defaults());
  }

  /** A store on the default table of {@code dataSource}, with copies in {@code cache}. */
  public CachedDbSessionStore(DataSource dataSource, Cache cache, SessionSettings settings) {
    this(
        JdbcSessionStore.storage(dataSource, JdbcSessionStore.DEFAULT_TABLE_NAME, settings.clock()),
        CacheSessionStore.storage(cache),
        settings);
  }

  /**
   * A store keeping its records in {@code durable} and copies of them in {@code fast}, for storages
   * obtained from the backends' {@code storage(...)} methods, such as {@link
   * JdbcSessionStore#storage}, {@link RedisSessionStore#storage} and {@link
   * CacheSessionStore#storage}.
   *
   * @throws IllegalArgumentException when either storage owns its key format (cookies)
   */
  public CachedDbSessionStore(
      SessionStorage durable, SessionStorage fast, SessionSettings settings) {
    super(new CachedDbSessionStorage(durable, fast, settings.clock()), settings);
  }

  /**
   * A store on the default table of {@code dataSource}, with copies in Redis under {@value
   * #DEFAULT_KEY_PREFIX}, and the default settings. (A factory method rather than a constructor, so
   * that applications without Spring Data Redis compile against the other constructors.)
   */
  public static CachedDbSessionStore withRedis(
      DataSource dataSource, RedisConnectionFactory connectionFactory) {
    return withRedis(dataSource, connectionFactory, SessionSettings.defaults());
  }

  /**
   * A store on the default table of {@code dataSource}, with copies in Redis under {@value
   * #DEFAULT_KEY_PREFIX}.
   */
  public static CachedDbSessionStore withRedis(
      DataSource dataSource, RedisConnectionFactory connectionFactory, SessionSettings settings) {
    return new CachedDbSessionStore(
        JdbcSessionStore.storage(dataSource, JdbcSessionStore.DEFAULT_TABLE_NAME, settings.clock()),
        RedisSessionStore.storage(connectionFactory, DEFAULT_KEY_PREFIX),
        settings);
  }
}
