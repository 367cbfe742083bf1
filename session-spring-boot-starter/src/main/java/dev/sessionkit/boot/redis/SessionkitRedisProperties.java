package dev.sessionkit.boot.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sessionkit.redis.*} properties of the native Redis backend. Where Redis is comes from
 * Spring Boot's own {@code spring.data.redis.*}. The default key prefix is {@link
 * dev.sessionkit.redis.RedisSessionStore#DEFAULT_KEY_PREFIX}, written out so that the IDE metadata
 * shows it.
 *
 * <pre>{@code
 * sessionkit:
 *   backend: redis
 *   redis:
 *     key-prefix: "shop:session:"
 * }</pre>
 */
@ConfigurationProperties("sessionkit.redis")
public class SessionkitRedisProperties {

  /**
   * Prefix of the Redis keys that hold the sessions; each session is one key, the prefix followed
   * by the session key.
   */
  private String keyPrefix = "sessionkit:session:";

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public void setKeyPrefix(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }
}
