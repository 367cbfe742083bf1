package dev.sessionkit.engine;

import dev.sessionkit.Session;
import dev.sessionkit.SessionInterruptedException;
import dev.sessionkit.SessionKeyExistsException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Session} every store hands out.
 *
 * <p>Design. Where the session stands is one explicit {@link State}, changed in one place per
 * transition:
 *
 * <pre>
 *   NEW ──create/save──▶ LIVE ◀──load (found)── OPENED ──load (nothing)──▶ MISSING
 *    ▲                   │  ▲                                               │
 *    └─────flush─────────┘  └───────────────create / changed save──────────┘
 * </pre>
 *
 * {@code OPENED} holds the client's key and nothing else until the first access loads it; {@code
 * LIVE} knows the version of the record it stands for; {@code MISSING} found no record under the
 * client's key and has dropped it, so a changed session gets a fresh key and an unchanged one is
 * never written. Alongside, {@link SessionChanges} records every change since the last load or
 * save, which the store replays when a save meets another request's.
 */
final class StoredSession implements Session {

  static final String TEST_COOKIE_VALUE = "worked";

  /** Where the session stands; see the class comment. */
  private enum State {
    NEW,
    OPENED,
    LIVE,
    MISSING
  }

  private final StorageSessionStore store;
  private final SessionChanges changes = new SessionChanges();
  private State state;
  private @Nullable String sessionKey;

  /** The data; null only while {@code OPENED} and not yet loaded (or cleared). */
  private @Nullable Map<String, @Nullable Object> data;

  /** The version of the record this session stands for, while {@code LIVE}. */
  private long version;

  /** That record's encoded data (null when unreadable), to find values changed in place. */
  private @Nullable String loadedEncoding;

  /** When the stored session was created, as its record says (null: unknown or not stored). */
  private @Nullable Instant created;

  private boolean accessed;
  private boolean modified;

  StoredSession(StorageSessionStore store, @Nullable String sessionKey) {
    this.store = store;
    this.sessionKey = sessionKey;
    this.state = sessionKey == null ? State.NEW : State.OPENED;
    this.data = sessionKey == null ? new LinkedHashMap<>() : null;
  }

  @Override
  public @Nullable String getSessionKey() {
    return sessionKey;
  }

  // ---- dictionary --------------------------------------------------------------------------

  @Override
  public @Nullable Object get(String key) {
    return data().get(key);
  }

  @Override
  public @Nullable Object getOrDefault(String key, @Nullable Object defaultValue) {
    Map<String, @Nullable Object> map = data();
    return map.containsKey(key) ? map.get(key) : defaultValue;
  }

  @Override
  public <T> @Nullable T get(String key, Class<T> type) {
    return store.convert(sessionKey, key, get(key), type);
  }

  @Override
  public <T> @Nullable T compute(String key, Class<T> type, UnaryOperator<@Nullable T> update) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(update, "update");
    Map<String, @Nullable Object> map = data();
    Object current = map.get(key);
    if (changes.putPending(key)) {
      // the update may change its argument in place, and the put a merge replays holds it too
      current = DecodedSnapshot.copyOfValue(current);
    }
    T next = update.apply(store.convert(sessionKey, key, current, type));
    set(map, key, next);
    changes.compute(
        key, (dataKey, stored) -> update.apply(store.convert(sessionKey, dataKey, stored, type)));
    modified = true;
    return next;
  }

  @Override
  public void put(String key, @Nullable Object value) {
    Objects.requireNonNull(key, "key");
    data().put(key, value);
    changes.put(key, value);
    modified = true;
  }

  @Override
  public @Nullable Object remove(String key) {
    Map<String, @Nullable Object> map = data();
    if (!map.containsKey(key)) {
      return null;
    }
    return removePresent(map, key);
  }

  @Override
  public @Nullable Object pop(String key) {
    Map<String, @Nullable Object> map = data();
    if (!map.containsKey(key)) {
      throw new NoSuchElementException("The session has no key '" + key + "'");
    }
    return removePresent(map, key);
  }

  @Override
  public @Nullable Object pop(String key, @Nullable Object defaultValue) {
    Map<String, @Nullable Object> map = data();
    if (!map.containsKey(key)) {
      return defaultValue;
    }
    return removePresent(map, key);
  }

  @Override
  public @Nullable Object setDefault(String key, @Nullable Object value) {
    Map<String, @Nullable Object> map = data();
    if (map.containsKey(key)) {
      return map.get(key);
    }
    map.put(key, value);
    changes.compute(key, (dataKey, stored) -> stored != null ? stored : value);
    modified = true;
    return value;
  }

  @Override
  public void update(Map<String, ?> values) {
    values.forEach(this::put);
    accessed = true;
    modified = true;
  }

  @Override
  public boolean containsKey(String key) {
    return data().containsKey(key);
  }

  @Override
  public Set<String> keySet() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(data().keySet()));
  }

  @Override
  public Collection<@Nullable Object> values() {
    return Collections.unmodifiableList(new ArrayList<>(data().values()));
  }

  @Override
  public Set<Map.Entry<String, @Nullable Object>> entrySet() {
    Set<Map.Entry<String, @Nullable Object>> entries = new LinkedHashSet<>();
    data().forEach((key, value) -> entries.add(new SimpleImmutableEntry<>(key, value)));
    return Collections.unmodifiableSet(entries);
  }

  @Override
  public void clear() {
    data = new LinkedHashMap<>();
    changes.clear();
    accessed = true;
    modified = true;
  }

  @Override
  public boolean isEmpty() {
    return sessionKey == null && (data == null || data.isEmpty());
  }

  // ---- flags -------------------------------------------------------------------------------

  @Override
  public boolean isAccessed() {
    return accessed;
  }

  @Override
  public void setAccessed(boolean accessed) {
    this.accessed = accessed;
  }

  @Override
  public boolean isModified() {
    return modified;
  }

  @Override
  public void setModified(boolean modified) {
    this.modified = modified;
  }

  // ---- expiry ------------------------------------------------------------------------------

  @Override
  public void setExpiry(Duration maxIdle) {
    if (maxIdle.isNegative() || maxIdle.isZero()) {
      throw new IllegalArgumentException(
          "Session expiry must be positive, was "
              + maxIdle
              + "; use setExpiryAtBrowserClose() or an Instant to end the session");
    }
    long seconds = maxIdle.getSeconds() + (maxIdle.getNano() > 0 ? 1 : 0);
    put(EXPIRY_KEY, seconds);
  }

  @Override
  public void setExpiry(Instant at) {
    Instant latest = SessionExpiry.LATEST_EXPIRY;
    put(EXPIRY_KEY, (at.isAfter(latest) ? latest : at).toString());
  }

  @Override
  public void setExpiryAtBrowserClose() {
    put(EXPIRY_KEY, 0);
  }

  @Override
  public void clearExpiry() {
    remove(EXPIRY_KEY);
  }

  @Override
  public Duration getExpiryAge() {
    return store.expiry().expiryAge(data(), store.expiry().now());
  }

  @Override
  public Instant getExpiryDate() {
    return store.expiry().expiryDate(data(), store.expiry().now());
  }

  @Override
  public boolean getExpireAtBrowserClose() {
    return store.expiry().atBrowserClose(data());
  }

  // ---- test cookie -------------------------------------------------------------------------

  @Override
  public void setTestCookie() {
    put(TEST_COOKIE_KEY, TEST_COOKIE_VALUE);
  }

  @Override
  public boolean testCookieWorked() {
    return TEST_COOKIE_VALUE.equals(get(TEST_COOKIE_KEY));
  }

  @Override
  public void deleteTestCookie() {
    remove(TEST_COOKIE_KEY);
  }

  // ---- persistence -------------------------------------------------------------------------

  @Override
  public void save() {
    save(false);
  }

  @Override
  public void save(boolean mustCreate) {
    if (store.ownsKeys()) {
      saveUnderOwnKey();
      return;
    }
    if (mustCreate && state == State.OPENED) {
      mustCreateUnderClientKey();
      return;
    }
    resolve();
    switch (state) {
      case NEW -> create();
      case MISSING -> {
        if ((modified && !currentData().isEmpty()) || mustCreate) {
          create();
        }
      }
      case LIVE -> {
        String key = Objects.requireNonNull(sessionKey);
        if (mustCreate) {
          // The key was live when loaded: either it still is, or its record was deleted since (a
          // logout elsewhere), and inserting under it would bring that session back.
          if (store.exists(key)) {
            throw new SessionKeyExistsException("A session is already stored under this key");
          }
          throw new SessionInterruptedException(
              "The session was deleted before the request finished; it may have been logged out"
                  + " by another request");
        }
        StorageSessionStore.Loaded saved =
            store.save(key, currentData(), version, loadedEncoding, created, changes);
        data = saved.data();
        version = saved.version();
        loadedEncoding = saved.encoded();
        created = saved.created();
        changes.reset();
      }
      case OPENED -> throw new IllegalStateException("resolve() leaves no session OPENED");
    }
  }

  @Override
  public void create() {
    Map<String, @Nullable Object> current = data == null ? new LinkedHashMap<>() : data;
    StorageSessionStore.Created stored = store.create(current);
    sessionKey = stored.key();
    loadedEncoding = stored.encoded();
    created = stored.created();
    data = current;
    version = stored.version();
    state = State.LIVE;
    changes.reset();
    modified = true;
  }

  @Override
  public boolean exists(@Nullable String key) {
    return store.exists(key);
  }

  /**
   * Deletes the record; on a cookie backend, whose record is the cookie, ends the session in memory
   * instead (as Django's {@code signed_cookies} does), so that the response removes the cookie.
   */
  @Override
  public void delete() {
    if (store.ownsKeys()) {
      forgetKeyAndData();
    } else if (sessionKey != null) {
      store.delete(sessionKey);
    }
  }

  @Override
  public void delete(@Nullable String key) {
    store.delete(key);
  }

  @Override
  public void flush() {
    delete();
    forgetKeyAndData();
  }

  /** Drops the key and the data: the session is new and empty, and modified so that it is saved. */
  private void forgetKeyAndData() {
    sessionKey = null;
    data = new LinkedHashMap<>();
    state = State.NEW;
    changes.reset();
    accessed = true;
    modified = true;
  }

  @Override
  public void cycleKey() {
    data();
    String oldKey = sessionKey;
    create();
    if (oldKey != null) {
      store.delete(oldKey);
    }
  }

  @Override
  public String toString() {
    return "Session["
        + (sessionKey == null ? "no key" : "key hidden")
        + ", "
        + state
        + ", "
        + (data == null ? "not loaded" : data.size() + " entries")
        + "]";
  }

  // ---- internals ---------------------------------------------------------------------------

  /** The data, loaded on first use; marks the session accessed. */
  private Map<String, @Nullable Object> data() {
    accessed = true;
    resolve();
    return currentData();
  }

  private Map<String, @Nullable Object> currentData() {
    return Objects.requireNonNull(data, "resolved sessions hold data");
  }

  /**
   * Leaves {@code OPENED}: loads the record under the client's key and becomes {@code LIVE}, or
   * {@code MISSING} when there is none. Data already in memory (a {@link #clear()} before the first
   * load) is kept: the changes made since apply to whatever was stored.
   */
  private void resolve() {
    if (state != State.OPENED) {
      return;
    }
    String key = Objects.requireNonNull(sessionKey);
    StorageSessionStore.Loaded loaded = store.load(key);
    if (loaded == null) {
      state = State.MISSING;
      sessionKey = null;
      if (data == null) {
        data = new LinkedHashMap<>();
      }
    } else {
      state = State.LIVE;
      version = loaded.version();
      loadedEncoding = loaded.encoded();
      created = loaded.created();
      if (data == null) {
        data = loaded.data();
      }
    }
  }

  /**
   * Saves for a storage that owns its keys (a cookie backend, as Django's signed cookies): a new
   * session, or a changed one, is stored and gets the key the storage returns; a session whose key
   * held nothing readable and that did not change is not written.
   */
  private void saveUnderOwnKey() {
    resolve();
    if (state == State.MISSING && !(modified && !currentData().isEmpty())) {
      return;
    }
    if (state != State.LIVE) {
      create();
      return;
    }
    StorageSessionStore.Created saved = store.saveUnderOwnKey(currentData(), version, created);
    sessionKey = saved.key();
    loadedEncoding = saved.encoded();
    created = saved.created();
    version = saved.version();
    changes.reset();
  }

  /**
   * Must-create with the key a client sent, before anything was loaded: a key in use is refused,
   * and an unused one is never taken (a client never chooses its key), so the data gets a fresh
   * key.
   */
  private void mustCreateUnderClientKey() {
    if (store.exists(sessionKey)) {
      throw new SessionKeyExistsException("A session is already stored under this key");
    }
    if (data == null) {
      data = new LinkedHashMap<>();
    }
    create();
  }

  private @Nullable Object removePresent(Map<String, @Nullable Object> map, String key) {
    changes.remove(key);
    modified = true;
    return map.remove(key);
  }

  private static void set(Map<String, @Nullable Object> map, String key, @Nullable Object value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }
}
