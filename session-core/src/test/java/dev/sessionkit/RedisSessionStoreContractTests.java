package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.testing.TestRedis;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.ClusterSlotHashUtil;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The contract on {@link RedisSessionStore}; one subclass per Redis deployment (standalone,
 * Cluster) supplies the {@link TestRedis}. Records are reached directly as the Redis keys {@code
 * <prefix><session key>}; the prefix is private to this test run, and TestRedis deletes its keys
 * when the run ends. The tests' clock stands in 2030, after Redis's own clock, so Redis keeps every
 * record the tests expire by moving the clock; the store's own expiry check keeps them out.
 */
abstract class RedisSessionStoreContractTests extends SessionStoreContractTests
    implements ConcurrentSavesContract, PrincipalIndexContract {

  /** The Redis of the subclass, registered there with {@code @RegisterExtension}. */
  abstract TestRedis redis();

  /** The key prefix of this test class in this run. */
  String keyPrefix() {
    return TestRedis.uniqueName("sessionkit-" + getClass().getSimpleName()) + ":";
  }

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new RedisSessionStore(redis().connectionFactory(), settings, keyPrefix());
  }

  /** A second store on the same Redis, as a second instance of the application would have. */
  @Override
  public StorageSessionStore otherStore() {
    return new RedisSessionStore(redis().connectionFactory(), settings, keyPrefix());
  }

  @Override
  void corruptStoredData(String sessionKey, String rawData) {
    String text = redisValue(sessionKey);
    assertThat(text).as("stored session record").isNotNull().contains("\n");
    setKeepingTheExpiry(sessionKey, text.substring(0, text.indexOf('\n') + 1) + rawData);
  }

  @Override
  boolean isStored(String sessionKey) {
    return Boolean.TRUE.equals(redisTemplate().hasKey(keyPrefix() + sessionKey));
  }

  @Override
  boolean clearExpiredDeletesRecords() {
    return false;
  }

  @Test
  void sessionIsOneRedisStringUnderThePrefixHoldingExpiryVersionAndData() {
    Session session = store.newSession();
    session.put("a", 1);
    session.save();
    String key = session.getSessionKey();

    assertThat(redisValue(key))
        .isEqualTo("2030-01-15T00:00:00Z 1 2030-01-01T00:00:00Z 2030-01-01T00:00:00Z -\n{\"a\":1}");
    session.put("b", 2);
    session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, "alice");
    session.save();
    assertThat(redisValue(key))
        .startsWith("2030-01-15T00:00:00Z 2 2030-01-01T00:00:00Z 2030-01-01T00:00:00Z YWxpY2U\n");
  }

  @Test
  void aPrincipalsIndexIsOneSortedSetThatExpiresWithItsLastSessionAndDropsLoggedOutOnes() {
    String principal = "carol-" + UUID.randomUUID();
    String indexKey = keyPrefix() + "principal:" + principal;
    Session first = store.newSession();
    first.put(PrincipalSessions.PRINCIPAL_NAME_KEY, principal);
    first.save();
    clock.advance(Duration.ofHours(1));
    Session second = store.newSession();
    second.put(PrincipalSessions.PRINCIPAL_NAME_KEY, principal);
    second.save();

    assertThat(redisTemplate().opsForZSet().size(indexKey)).isEqualTo(2);
    Long expiresAt =
        redisTemplate()
            .execute(
                RedisScript.of("return redis.call('PEXPIRETIME', KEYS[1])", Long.class),
                List.of(indexKey));
    assertThat(expiresAt).isEqualTo(Instant.parse("2030-01-15T01:00:00Z").toEpochMilli());

    first.flush();
    assertThat(store.sessionsOf(principal, null)).hasSize(1);
    assertThat(redisTemplate().opsForZSet().size(indexKey)).isEqualTo(1);
  }

  @Test
  void redisExpiresTheKeyAtTheSessionsExpiryAndASaveMovesIt() {
    Session session = store.newSession();
    session.put("a", 1);
    session.save();
    String key = session.getSessionKey();
    assertThat(expiresAt(key)).isEqualTo(START.plus(Duration.ofDays(14)));

    session.setExpiry(Duration.ofMinutes(30));
    session.save();

    assertThat(expiresAt(key)).isEqualTo(START.plus(Duration.ofMinutes(30)));
  }

  @Test
  void sessionWhoseExpiryHasPassedByRedisClockIsNotKeptAndRaisesNoError() {
    Session created = store.newSession();
    created.put("a", 1);
    created.setExpiry(Instant.parse("2020-01-01T00:00:00Z"));
    Session saved = storedSessionReopened();
    saved.setExpiry(Instant.parse("2020-01-01T00:00:00.000001Z"));

    assertThatNoException().isThrownBy(created::save);
    assertThatNoException().isThrownBy(saved::save);

    assertThat(isStored(created.getSessionKey())).isFalse();
    assertThat(isStored(saved.getSessionKey())).isFalse();
    assertThat(store.exists(saved.getSessionKey())).isFalse();
  }

  @Test
  void storedStringThatIsNotASessionRecordLoadsAsEmptyAndASaveReplacesIt() {
    String key = storedSession(Map.of("a", 1));
    setKeepingTheExpiry(key, "{\"a\": 1}");
    Session session = store.open(key);

    assertThatNoException().isThrownBy(() -> session.get("a"));
    assertThat(session.keySet()).isEmpty();
    session.put("b", 2);
    session.save();

    assertThat(session.getSessionKey()).isEqualTo(key);
    assertThat(store.open(key).keySet()).containsExactly("b");
  }

  @Test
  void recordWithoutAVersionReadsAsVersionZeroAndSaves() {
    String key = storedSession(Map.of("a", 1));
    setKeepingTheExpiry(key, "2030-01-15T00:00:00Z\n{\"a\":1}");
    Session session = store.open(key);

    session.put("b", 2);
    session.save();

    assertThat(store.open(key).keySet()).containsExactly("a", "b");
    assertThat(redisValue(key)).startsWith("2030-01-15T00:00:00Z 1 - 2030-01-01T00:00:00Z -\n");
  }

  @Test
  void backendIsRedisAndClearExpiredHasNothingToDo() {
    storedSession(Map.of("a", 1));
    clock.advance(Duration.ofDays(15));

    assertThat(store.backend()).isEqualTo("redis");
    assertThat(store.capabilities().expiresRecordsItself()).isTrue();
    assertThat(store.clearExpired()).isZero();
  }

  @Test
  void keyPrefixDefaultsToSessionkitSessionAndMustNotBeEmpty() {
    assertThat(new RedisSessionStore(redis().connectionFactory()).keyPrefix())
        .isEqualTo("sessionkit:session:");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RedisSessionStore(redis().connectionFactory(), settings, ""));
  }

  @Test
  void aLoggedInSessionLiesInTheHashSlotOfItsPrincipalsIndexAndTheRecordNamesItsUser() {
    for (String principal : List.of("alice", "bob-" + UUID.randomUUID(), "{tagged}carol", "é")) {
      Session session = store.newSession();
      session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, principal);
      session.save();
      String indexKey = keyPrefix() + "principal:" + principal;

      assertThat(slotOf(keyPrefix() + session.getSessionKey()))
          .as("slot of %s's session", principal)
          .isEqualTo(slotOf(indexKey));
      assertThat(session.getSessionKey()).matches("[a-z0-9]{32}");
      assertThat(redisTemplate().opsForZSet().score(indexKey, session.getSessionKey())).isNotNull();
    }
  }

  /**
   * Counts the commands a request sends, as the servlet filter drives a session (save only when
   * modified): untouched none, a read one GET, a write that GET and one EVALSHA, a new session one
   * SET, a delete one DEL. A logged-in session lies in its index's hash slot, so a new one is one
   * EVALSHA and a write GET and one EVALSHA, its index kept by the same script; a user put into a
   * session without a new key costs a second EVALSHA for the index.
   */
  @Test
  void eachOperationSendsExactlyTheCommandsItNeeds() {
    String key = storedSession(Map.of("n", 0));
    Session earlier = store.open(key);
    earlier.put("n", 1);
    earlier.save(); // Redis (the node holding the key) now has the save script
    String principal = "dave-" + UUID.randomUUID();
    Session earlierLogin = store.newSession();
    earlierLogin.put(PrincipalSessions.PRINCIPAL_NAME_KEY, principal);
    earlierLogin.save();
    earlierLogin.put("n", 1);
    earlierLogin.save(); // the node of the principal's slot has both scripts
    Session earlierNamed = store.open(storedSession(Map.of("n", 0)));
    earlierNamed.put(PrincipalSessions.PRINCIPAL_NAME_KEY, principal);
    earlierNamed.save(); // and the index script
    LettuceConnectionFactory factory = redis().newConnectionFactory();
    try {
      Commands commands = new Commands();
      ((AbstractRedisClient) factory.getNativeClient()).addListener(commands);
      RedisSessionStore counted = new RedisSessionStore(factory, settings, keyPrefix());
      counted.exists(key); // connects (the handshake is not a session's command)
      commands.clear();

      Session untouched = counted.open(key);
      saveIfModified(untouched);
      assertThat(commands.sent()).as("untouched").isEmpty();

      Session read = counted.open(key);
      assertThat(read.get("n")).isEqualTo(1);
      saveIfModified(read);
      assertThat(commands.sent()).as("read").containsExactly("GET");
      commands.clear();

      Session write = counted.open(key);
      write.compute("n", Integer.class, n -> n == null ? 1 : n + 1);
      saveIfModified(write);
      assertThat(commands.sent()).as("write").containsExactly("GET", "EVALSHA");
      commands.clear();

      Session created = counted.newSession();
      created.put("a", 1);
      saveIfModified(created);
      assertThat(commands.sent()).as("new session").containsExactly("SET");
      commands.clear();

      Session login = counted.newSession();
      login.put(PrincipalSessions.PRINCIPAL_NAME_KEY, principal);
      saveIfModified(login);
      assertThat(commands.sent()).as("new logged-in session").containsExactly("EVALSHA");
      commands.clear();

      Session loggedIn = counted.open(login.getSessionKey());
      loggedIn.put("n", 1);
      saveIfModified(loggedIn);
      assertThat(commands.sent()).as("logged-in write").containsExactly("GET", "EVALSHA");
      commands.clear();

      Session named = counted.open(storedSession(Map.of("n", 0)));
      named.put(PrincipalSessions.PRINCIPAL_NAME_KEY, principal);
      saveIfModified(named);
      assertThat(commands.sent())
          .as("user put into a session that keeps its key")
          .containsExactly("GET", "EVALSHA", "EVALSHA");
      assertThat(store.sessionsOf(principal, null)).hasSize(4);
      commands.clear();

      counted.delete(created.getSessionKey());
      assertThat(commands.sent()).as("delete").containsExactly("DEL");
      assertThat(store.open(key).get("n")).isEqualTo(2);
    } finally {
      factory.destroy();
    }
  }

  /** What the servlet filter does at the end of a request. */
  private static void saveIfModified(Session session) {
    if (session.isModified()) {
      session.save();
    }
  }

  /** Records the type of every command a Redis client sends. */
  private static final class Commands implements CommandListener {

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
      sent.add(event.getCommand().getType().toString());
    }

    List<String> sent() {
      return List.copyOf(sent);
    }

    void clear() {
      sent.clear();
    }
  }

  private @Nullable String redisValue(String sessionKey) {
    return redisTemplate().opsForValue().get(keyPrefix() + sessionKey);
  }

  private Instant expiresAt(String sessionKey) {
    Long millis =
        redisTemplate()
            .execute(
                (RedisConnection connection) ->
                    connection
                        .scriptingCommands()
                        .eval(
                            "return redis.call('PEXPIRETIME', KEYS[1])"
                                .getBytes(StandardCharsets.UTF_8),
                            ReturnType.INTEGER,
                            1,
                            bytes(keyPrefix() + sessionKey)));
    assertThat(millis).as("PEXPIRETIME").isNotNull().isPositive();
    return Instant.ofEpochMilli(millis);
  }

  private void setKeepingTheExpiry(String sessionKey, String value) {
    Boolean set =
        redisTemplate()
            .execute(
                (RedisConnection connection) ->
                    connection
                        .stringCommands()
                        .set(
                            bytes(keyPrefix() + sessionKey),
                            bytes(value),
                            Expiration.keepTtl(),
                            SetOption.ifPresent()));
    assertThat(set).as("record replaced").isTrue();
  }

  private StringRedisTemplate redisTemplate() {
    return new StringRedisTemplate(redis().connectionFactory());
  }

  /** The slot Redis computes for {@code key}: from its UTF-8 bytes, as the store sends it. */
  private static int slotOf(String key) {
    return ClusterSlotHashUtil.calculateSlot(bytes(key));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
