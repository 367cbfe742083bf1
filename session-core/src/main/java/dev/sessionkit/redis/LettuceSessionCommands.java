package dev.sessionkit.redis;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link RedisSessionCommands} straight on the shared native connection of a {@link
 * LettuceConnectionFactory}: Lettuce's asynchronous API, awaited with the factory's command
 * timeout.
 *
 * <p>Why. Through a {@code RedisTemplate}, every command first builds a Spring {@code
 * LettuceConnection} around the factory's shared connection (and releases it after), which costs
 * about as much CPU as the command's own round trip. The shared connection is thread-safe and
 * multiplexes the commands of concurrent requests, so it is taken once, on the first command (not
 * at construction: a Redis that is down then fails the command, not the store), and kept. It
 * belongs to the factory, which opens, reconnects and closes it; this class holds no resource. A
 * command that fails other than by Redis's answer (the connection was closed or timed out) lets go
 * of it, and so does a command that finds it closed by the factory: the next (or that) command asks
 * the factory again, as the template would. Standalone, Sentinel, static master/replica and Cluster
 * factories all share one: on a Cluster, each command goes to the node that holds its key.
 */
final class LettuceSessionCommands implements RedisSessionCommands {

  private final LettuceConnectionFactory connectionFactory;
  private final long timeoutMillis;
  private final Map<RedisScript<?>, Script> scripts = new ConcurrentHashMap<>();
  private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> commands;

  LettuceSessionCommands(RedisConnectionFactory connectionFactory) {
    this.connectionFactory = (LettuceConnectionFactory) connectionFactory;
    this.timeoutMillis = this.connectionFactory.getTimeout();
  }

  /**
   * Whether {@code connectionFactory} is a Lettuce factory that shares one native connection (one
   * that does not hands each command a connection of its own, released after it, which this class
   * cannot keep).
   */
  static boolean supports(RedisConnectionFactory connectionFactory) {
    return connectionFactory instanceof LettuceConnectionFactory lettuce
        && lettuce.getShareNativeConnection();
  }

  @Override
  public @Nullable String get(String key) {
    byte[] value = await(commands().get(bytes(key)));
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean setIfAbsent(String key, String value, long expiresAtMillis) {
    SetArgs ifAbsent = SetArgs.Builder.nx().pxAt(expiresAtMillis);
    return await(commands().set(bytes(key), bytes(value), ifAbsent)) != null;
  }

  @Override
  public @Nullable Long run(RedisScript<Long> script, List<String> scriptKeys, String... args) {
    Script known = scripts.computeIfAbsent(script, Script::of);
    byte[][] keys = new byte[scriptKeys.size()][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = bytes(scriptKeys.get(i));
    }
    byte[][] values = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      values[i] = bytes(args[i]);
    }
    RedisClusterAsyncCommands<byte[], byte[]> redis = commands();
    try {
      return await(redis.<Long>evalsha(known.sha1(), ScriptOutputType.INTEGER, keys, values));
    } catch (RedisNoScriptException ex) {
      return await(redis.<Long>eval(known.text(), ScriptOutputType.INTEGER, keys, values));
    }
  }

  @Override
  public boolean delete(String key) {
    Long deleted = await(commands().del(bytes(key)));
    return deleted != null && deleted > 0;
  }

  @Override
  public List<String> membersScoredFrom(String key, long min) {
    List<byte[]> members =
        await(commands().zrangebyscore(bytes(key), Range.create(min, Double.POSITIVE_INFINITY)));
    List<String> texts = new ArrayList<>(members == null ? 0 : members.size());
    if (members != null) {
      for (byte[] member : members) {
        texts.add(new String(member, StandardCharsets.UTF_8));
      }
    }
    return texts;
  }

  @Override
  public void removeMembers(String key, Collection<String> members) {
    byte[][] encoded = new byte[members.size()][];
    int i = 0;
    for (String member : members) {
      encoded[i++] = bytes(member);
    }
    await(commands().zrem(bytes(key), encoded));
  }

  /**
   * The shared connection's asynchronous commands, taken from the factory the first time, and again
   * once the factory has closed the one kept ({@code resetConnection()}, a restart of the context).
   */
  @SuppressWarnings("unchecked")
  private RedisClusterAsyncCommands<byte[], byte[]> commands() {
    RedisClusterAsyncCommands<byte[], byte[]> shared = commands;
    if (shared == null || !shared.isOpen()) {
      // The Spring connection only wraps the shared one; closing it leaves that open.
      try (RedisConnection connection = connectionFactory.getConnection()) {
        shared = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
      }
      commands = shared;
    }
    return shared;
  }

  private <T> @Nullable T await(RedisFuture<T> future) {
    try {
      return LettuceFutures.awaitOrCancel(future, timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RedisCommandExecutionException ex) {
      throw ex; // Redis answered: the connection is fine
    } catch (RuntimeException ex) {
      commands = null;
      throw ex;
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A script's text and SHA-1, computed once (a {@code RedisScript} locks for each). */
  private record Script(byte[] text, String sha1) {

    static Script of(RedisScript<?> script) {
      return new Script(
          script.getScriptAsString().getBytes(StandardCharsets.UTF_8), script.getSha1());
    }
  }
}
