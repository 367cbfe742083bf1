package dev.sessionkit.redis;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.ClassUtils;

/**
 * The few Redis commands {@link RedisSessionStorage} sends, each one command on one hash slot: the
 * transport under the storage, apart from what it stores and why. Keys and values are UTF-8 text.
 * Implementations are thread-safe; a failure is thrown as it comes from the client (the storage
 * maps it).
 */
interface RedisSessionCommands {

  /** {@code GET key}: the value, or null when there is none. */
  @Nullable String get(String key);

  /** {@code SET key value NX PXAT expiresAtMillis}: whether it was set. */
  boolean setIfAbsent(String key, String value, long expiresAtMillis);

  /**
   * {@code EVALSHA} of {@code script} on {@code keys} (all in one hash slot) with {@code args},
   * sent as {@code EVAL} if the server answers {@code NOSCRIPT}: the script's integer reply, or
   * null for none.
   */
  @Nullable Long run(RedisScript<Long> script, List<String> keys, String... args);

  /** {@code DEL key}: whether a key was deleted. */
  boolean delete(String key);

  /** {@code ZRANGEBYSCORE key min +inf}: the members scored {@code min} or more, lowest first. */
  List<String> membersScoredFrom(String key, long min);

  /** {@code ZREM key members...}. */
  void removeMembers(String key, Collection<String> members);

  /**
   * The commands on {@code connectionFactory}: straight on its shared native connection for a
   * Lettuce factory that shares one (the default), otherwise through a {@code StringRedisTemplate}.
   */
  static RedisSessionCommands on(RedisConnectionFactory connectionFactory) {
    if (Lettuce.PRESENT && LettuceSessionCommands.supports(connectionFactory)) {
      return new LettuceSessionCommands(connectionFactory);
    }
    return new TemplateSessionCommands(connectionFactory);
  }

  /** Whether Lettuce is on the class path (Spring Data Redis does not require it). */
  final class Lettuce {

    static final boolean PRESENT =
        ClassUtils.isPresent(
            "io.lettuce.core.api.StatefulConnection", RedisSessionCommands.class.getClassLoader());

    private Lettuce() {}
  }
}
