package dev.sessionkit.redis;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;

/**
 * {@link RedisSessionCommands} through a {@link StringRedisTemplate}: for any connection factory,
 * such as one that is not Lettuce's or does not share its connection.
 */
final class TemplateSessionCommands implements RedisSessionCommands {

  private final StringRedisTemplate redis;

  TemplateSessionCommands(RedisConnectionFactory connectionFactory) {
    this.redis = new StringRedisTemplate(connectionFactory);
  }

  @Override
  public @Nullable String get(String key) {
    return redis.opsForValue().get(key);
  }

  @Override
  public boolean setIfAbsent(String key, String value, long expiresAtMillis) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
    Expiration expiration = Expiration.unixTimestamp(expiresAtMillis, TimeUnit.MILLISECONDS);
    return Boolean.TRUE.equals(
        redis.execute(
            (RedisCallback<Boolean>)
                connection ->
                    connection
                        .stringCommands()
                        .set(keyBytes, valueBytes, expiration, SetOption.ifAbsent())));
  }

  @Override
  public @Nullable Long run(RedisScript<Long> script, List<String> keys, String... args) {
    return redis.execute(script, keys, (Object[]) args);
  }

  @Override
  public boolean delete(String key) {
    return Boolean.TRUE.equals(redis.delete(key));
  }

  @Override
  public List<String> membersScoredFrom(String key, long min) {
    Set<String> members = redis.opsForZSet().rangeByScore(key, min, Double.POSITIVE_INFINITY);
    return members == null ? List.of() : List.copyOf(members);
  }

  @Override
  public void removeMembers(String key, Collection<String> members) {
    redis.opsForZSet().remove(key, members.toArray());
  }
}
