package dev.sessionkit.redis;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.IndexedSession;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Session records in Redis, each as one string value ({@link StoredRecord#toText()}) under {@code
 * <prefix><session key>}, expiring at the record's expiry.
 *
 * <p>Design. Every operation is one command, so it is one round trip and, on Redis Cluster, touches
 * one hash slot: a session's key or, for a logged-in session, its key and its principal's index,
 * which {@link #keyCondition} places in one slot. A replace is a Lua script ({@link
 * #REPLACE_SCRIPT}, sent as {@code EVALSHA} once Redis has it) that reads the stored record's
 * version and writes only if it is the expected one: Redis runs a script atomically, so this is a
 * compare-and-set (a Redis that does not have the script yet, after a restart or {@code SCRIPT
 * FLUSH}, answers {@code NOSCRIPT} and that one save sends the script with {@code EVAL}). The
 * script reads the version from the header line as {@link StoredRecord#versionOf(String)} does.
 * Expiry instants go to Redis as absolute Unix milliseconds ({@code PXAT}), rounded up so that
 * Redis never drops a record before the engine considers it expired; a record whose expiry has
 * already passed (by Redis's clock) is not kept. Redis expires keys itself: nothing is ever
 * scanned.
 */
final class RedisSessionStorage implements SessionStorage {

  /**
   * A Lua function of the scripts below: indexes the session {@code member} under its principal's
   * sorted set {@code set}, scored with its expiry in Unix milliseconds; drops the members whose
   * score is past {@code now} and lets the set expire with its last member, so that an index never
   * outlives the sessions it lists.
   */
  private static final String INDEX_FUNCTION =
      """
      local function index(set, member, expiry, now)
        redis.call('ZADD', set, expiry, member)
        redis.call('ZREMRANGEBYSCORE', set, '-inf', now)
        local last = redis.call('ZRANGE', set, -1, -1, 'WITHSCORES')
        if last[2] then
          redis.call('PEXPIREAT', set, last[2])
        end
      end
      """;

  /**
   * Indexes the session {@code ARGV[1]} under its principal's sorted set {@code KEYS[1]} with its
   * expiry {@code ARGV[2]} and the time {@code ARGV[3]} (see {@link #INDEX_FUNCTION}): the second
   * command of a logged-in save whose session lies in another hash slot than its index.
   */
  static final String INDEX_SCRIPT =
      INDEX_FUNCTION
          + """
          index(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
          return 1
          """;

  /**
   * Creates the record {@code ARGV[1]} under {@code KEYS[1]} unless a record is stored there,
   * expiring at {@code ARGV[2]} (Unix milliseconds), and indexes it as {@code ARGV[3]} under its
   * principal's set {@code KEYS[2]} at time {@code ARGV[4]}, in one step. Returns 1 when it
   * created, 0 when the key is in use.
   */
  static final String INSERT_INDEXED_SCRIPT =
      INDEX_FUNCTION
          + """
          if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PXAT', ARGV[2]) then
            return 0
          end
          index(KEYS[2], ARGV[3], ARGV[2], ARGV[4])
          return 1
          """;

  /**
   * Replaces the record under {@code KEYS[1]} if its version is {@code ARGV[3]}: {@code ARGV[1]} is
   * the new record, {@code ARGV[2]} its expiry in Unix milliseconds. With a second key, the
   * principal's set, the same step indexes the session as {@code ARGV[4]} at time {@code ARGV[5]}.
   * Returns 1 when it replaced, 0 when no record is stored, -1 when another version is. A header
   * that does not read as {@code <instant> <version> <created> <saved> <principal>}, {@code
   * <instant> <version>} or a bare instant (version 0) has version -1, as in {@link
   * StoredRecord#versionOf(String)}.
   */
  static final String REPLACE_SCRIPT =
      INDEX_FUNCTION
          + """
      local stored = redis.call('GET', KEYS[1])
      if not stored then
        return 0
      end
      local version = -1
      local newline = string.find(stored, '\\n', 1, true)
      if newline then
        local header = string.sub(stored, 1, newline - 1)
        local fields = {}
        local from = 1
        while true do
          local space = string.find(header, ' ', from, true)
          if not space then
            fields[#fields + 1] = string.sub(header, from)
            break
          end
          fields[#fields + 1] = string.sub(header, from, space - 1)
          from = space + 1
        end
        local instant = '^[+-]?%d%d%d%d+%-%d%d%-%d%dT%d%d:%d%d:%d%d%.?%d*Z$'
        local count = #fields
        local readable = (count == 1 or count == 2 or count == 5)
          and string.match(fields[1], instant) ~= nil
        if readable and count == 5 then
          readable = (fields[3] == '-' or string.match(fields[3], instant) ~= nil)
            and (fields[4] == '-' or string.match(fields[4], instant) ~= nil)
            and string.match(fields[5], '^[%w_-]+$') ~= nil
        end
        if readable then
          if count == 1 then
            version = 0
          elseif string.match(fields[2], '^[+-]?%d+$') then
            version = tonumber(fields[2])
          end
        end
      end
      if version ~= tonumber(ARGV[3]) then
        return -1
      end
      redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
      if KEYS[2] then
        index(KEYS[2], ARGV[4], ARGV[2], ARGV[5])
      end
      return 1
      """;

  private static final RedisScript<Long> REPLACE = RedisScript.of(REPLACE_SCRIPT, Long.class);

  private static final System.Logger LOG = System.getLogger(RedisSessionStorage.class.getName());

  private static final RedisScript<Long> INDEX = RedisScript.of(INDEX_SCRIPT, Long.class);

  private static final RedisScript<Long> INSERT_INDEXED =
      RedisScript.of(INSERT_INDEXED_SCRIPT, Long.class);

  private static final StorageCapabilities CAPABILITIES =
      StorageCapabilities.builder()
          .compareAndSet(true)
          .expiresRecordsItself(true)
          .indexesPrincipals(true)
          .build();

  private final RedisSessionCommands redis;
  private final String keyPrefix;
  private final KeySlots slots;

  RedisSessionStorage(RedisConnectionFactory connectionFactory, String keyPrefix) {
    Objects.requireNonNull(connectionFactory, "connectionFactory");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.isEmpty()) {
      throw new IllegalArgumentException(
          "The Redis key prefix must not be empty; sessions would mix with other keys");
    }
    this.redis = RedisSessionCommands.on(connectionFactory);
    this.keyPrefix = keyPrefix;
    this.slots = new KeySlots(keyPrefix);
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    String text = execute("load", key, () -> redis.get(redisKey(key)));
    return text == null ? null : StoredRecord.fromText(text);
  }

  /**
   * For a record with a principal, keys in the hash slot of that principal's index, so that a
   * logged-in session and its index entry are written by one script, on a Cluster too (where a
   * script may touch one slot only); a record without a principal takes any key.
   */
  @Override
  public @Nullable Predicate<CharSequence> keyCondition(StoredRecord record) {
    String principal = record.principal();
    if (principal == null) {
      return null;
    }
    int indexSlot = KeySlots.slotOfKey(indexKey(principal));
    return key -> slots.slotOf(key) == indexSlot;
  }

  @Override
  public boolean insert(String key, StoredRecord record) {
    String principal = record.principal();
    if (principal != null && indexedInOneStep(key, principal)) {
      Long created =
          execute(
              "create",
              key,
              () ->
                  redis.run(
                      INSERT_INDEXED,
                      List.of(redisKey(key), indexKey(principal)),
                      record.toText(),
                      Long.toString(expiryMillis(record.expiry())),
                      key,
                      Long.toString(System.currentTimeMillis())));
      return created != null && created > 0;
    }
    String redisKey = redisKey(key);
    String value = record.toText();
    long expiresAt = expiryMillis(record.expiry());
    Boolean stored = execute("create", key, () -> redis.setIfAbsent(redisKey, value, expiresAt));
    if (Boolean.TRUE.equals(stored)) {
      index(key, record);
      return true;
    }
    return false;
  }

  @Override
  public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    String principal = record.principal();
    boolean indexedHere = principal != null && indexedInOneStep(key, principal);
    List<String> keys =
        indexedHere ? List.of(redisKey(key), indexKey(principal)) : List.of(redisKey(key));
    Long result =
        execute(
            "save",
            key,
            () ->
                redis.run(
                    REPLACE,
                    keys,
                    record.toText(),
                    Long.toString(expiryMillis(record.expiry())),
                    Long.toString(expectedVersion),
                    key,
                    Long.toString(System.currentTimeMillis())));
    if (result == null) {
      throw new SessionStoreException(this + " could not save a session: no reply from Redis");
    }
    if (result > 0) {
      if (!indexedHere) {
        index(key, record);
      }
      return ReplaceOutcome.REPLACED;
    }
    return result == 0 ? ReplaceOutcome.GONE : ReplaceOutcome.CONFLICT;
  }

  @Override
  public boolean delete(String key) {
    return Boolean.TRUE.equals(execute("delete", key, () -> redis.delete(redisKey(key))));
  }

  /**
   * From the principal's sorted set, the members still live by their score, each checked against
   * its session record (a session deleted at logout, or now another principal's, is dropped from
   * the set); one {@code GET} per member, since a session given its user without a new key lies in
   * another hash slot than its index.
   */
  @Override
  public List<IndexedSession> sessionsOf(String principal, Instant now) {
    String indexKey = indexKey(principal);
    List<String> members =
        execute("list", null, () -> redis.membersScoredFrom(indexKey, now.toEpochMilli() + 1));
    List<IndexedSession> sessions = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (String key : members == null ? List.<String>of() : members) {
      StoredRecord record;
      try {
        record = load(key);
      } catch (UnreadableSessionDataException ex) {
        record = null;
      }
      if (record != null && !record.isExpiredAt(now) && principal.equals(record.principal())) {
        sessions.add(IndexedSession.of(key, record));
      } else {
        stale.add(key);
      }
    }
    if (!stale.isEmpty()) {
      execute(
          "list",
          null,
          () -> {
            redis.removeMembers(indexKey, stale);
            return null;
          });
    }
    return sessions;
  }

  /** Removes nothing: Redis expires each session's key at its expiry. */
  @Override
  public int removeExpired(Instant now, Consumer<String> removed) {
    return 0;
  }

  @Override
  public StorageCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String backend() {
    return "redis";
  }

  @Override
  public String toString() {
    return "Redis session store (prefix " + keyPrefix + ")";
  }

  private String redisKey(String key) {
    return keyPrefix + key;
  }

  /**
   * The key of a principal's index: under the prefix, where no session key can be (session keys
   * have no colon).
   */
  private String indexKey(String principal) {
    return keyPrefix + "principal:" + principal;
  }

  /**
   * Keeps the principal index of a record just written under a key outside its index's hash slot (a
   * session whose principal was set without a new key): one more command.
   */
  private void index(String key, StoredRecord record) {
    String principal = record.principal();
    if (principal == null) {
      return;
    }
    try {
      execute(
          "save",
          key,
          () ->
              redis.run(
                  INDEX,
                  List.of(indexKey(principal)),
                  key,
                  Long.toString(expiryMillis(record.expiry())),
                  Long.toString(System.currentTimeMillis())));
    } catch (SessionStoreException ex) {
      // The session is saved; only its listing under the principal waits for its next save.
      LOG.log(
          System.Logger.Level.WARNING,
          "A session was saved but not indexed under its principal in "
              + this
              + " ("
              + ex.getMessage()
              + "); it is listed among the user's sessions from its next save");
    }
  }

  /** Whether the session under {@code key} lies in the hash slot of its principal's index. */
  private boolean indexedInOneStep(String key, String principal) {
    return slots.slotOf(key) == KeySlots.slotOfKey(indexKey(principal));
  }

  /**
   * The expiry as Unix milliseconds for {@code PXAT}: rounded up, at least 1 (Redis refuses 0 and
   * below; an instant that old expires the record at once either way), saturated for instants
   * beyond what milliseconds hold.
   */
  static long expiryMillis(Instant expiry) {
    long millis;
    try {
      millis = expiry.toEpochMilli();
    } catch (ArithmeticException ex) {
      return expiry.isAfter(Instant.EPOCH) ? Long.MAX_VALUE : 1;
    }
    if (expiry.getNano() % 1_000_000 != 0 && millis < Long.MAX_VALUE) {
      millis++;
    }
    return Math.max(millis, 1);
  }

  private <T> @Nullable T execute(
      String operation, @Nullable String key, Supplier<@Nullable T> call) {
    try {
      return call.get();
    } catch (UnreadableSessionDataException | SessionStoreException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      String reason = String.valueOf(ex.getMessage());
      String message = this + " could not " + operation + " a session: ";
      if (key != null && reason.contains(key)) {
        throw new SessionStoreException(message + reason.replace(key, "<session key>"));
      }
      throw new SessionStoreException(message + reason, ex);
    }
  }
}
