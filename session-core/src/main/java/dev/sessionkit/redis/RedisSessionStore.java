package dev.sessionkit.redis;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.SessionStorage;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Keeps sessions in Redis, one Redis key per session, through a Spring Data Redis {@link
 * RedisConnectionFactory} (Lettuce; standalone, Sentinel or Cluster):
 *
 * <pre>{@code
 * SessionStore store = new RedisSessionStore(connectionFactory);
 * }</pre>
 *
 * <p>A session is one string value under {@code <prefix><session key>} ({@value
 * #DEFAULT_KEY_PREFIX} unless named otherwise): a header line with its expiry and version, then its
 * data. Redis expires the key at the session's expiry ({@code PXAT}), so {@link #clearExpired()}
 * has nothing to do, and the expiry is also checked on every load. Each operation is one command on
 * one key, so it runs on Redis Cluster as on a single server: a load is one {@code GET}; a new
 * session one {@code SET ... NX PXAT}; a save one Lua script ({@code EVALSHA}) that checks the
 * version the session loaded and writes in the same step, so concurrent saves merge and a save
 * never brings back a session deleted meanwhile; a delete one {@code DEL}. A session that is not
 * touched sends no command. No request ever runs {@code KEYS} or {@code SCAN}.
 *
 * <p>A user's sessions ({@link dev.sessionkit.PrincipalSessions}) are indexed in a sorted set per
 * principal, {@code <prefix>principal:<name>}, scored by expiry. A session that names its user when
 * it is created (as at a Spring Security login) gets a key in the hash slot of that set, so the
 * script that creates or saves it also keeps the index, in one step and on a Cluster too.
 *
 * <p>On a {@code LettuceConnectionFactory} that shares its native connection (Spring Boot's
 * default), the commands go straight on that connection, which stays the factory's to open and
 * close; on any other factory, through a {@code StringRedisTemplate}.
 */
public final class RedisSessionStore extends StorageSessionStore {

  /** The prefix of the Redis keys unless another is named. */
  public static final String DEFAULT_KEY_PREFIX = "sessionkit:session:";

  private final String keyPrefix;

  /** A store on {@code connectionFactory} with the default settings and key prefix. */
  public RedisSessionStore(RedisConnectionFactory connectionFactory) {
    this(connectionFactory, SessionSettings.defaults());
  }

  /** A store on {@code connectionFactory} with the default key prefix. */
  public RedisSessionStore(RedisConnectionFactory connectionFactory, SessionSettings settings) {
    this(connectionFactory, settings, DEFAULT_KEY_PREFIX);
  }

  /**
   * A store on {@code connectionFactory} whose Redis keys are {@code keyPrefix} followed by the
   * session key.
   *
   * @throws IllegalArgumentException when {@code keyPrefix} is empty
   */
  public RedisSessionStore(
      RedisConnectionFactory connectionFactory, SessionSettings settings, String keyPrefix) {
    super(new RedisSessionStorage(connectionFactory, keyPrefix), settings);
    this.keyPrefix = keyPrefix;
  }

  /**
   * The storage under this store, for composites that combine it with another storage, such as
   * {@code dev.sessionkit.cacheddb.CachedDbSessionStore}: SPI, not meant for applications, which
   * use the constructors.
   *
   * @throws IllegalArgumentException when {@code keyPrefix} is empty
   */
  public static SessionStorage storage(RedisConnectionFactory connectionFactory, String keyPrefix) {
    return new RedisSessionStorage(connectionFactory, keyPrefix);
  }

  /** The prefix of the Redis keys sessions are stored under. */
  public String keyPrefix() {
    return keyPrefix;
  }
}
