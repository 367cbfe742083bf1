package dev.sessionkit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
import org.jspecify.annotations.Nullable;

/** The {@link Session} every store hands out: data loaded lazily through its store. */
final class StoredSession implements Session {

  static final String TEST_COOKIE_VALUE = "worked";

  private final AbstractSessionStore store;
  private @Nullable String sessionKey;
  private @Nullable Map<String, @Nullable Object> data;
  private boolean accessed;
  private boolean modified;

  /** Whether this store issued the key: created it, or found a record under it. */
  private boolean keyIssued;

  StoredSession(AbstractSessionStore store, @Nullable String sessionKey) {
    this.store = store;
    this.sessionKey = sessionKey;
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
    Object value = get(key);
    return value == null ? null : store.settings().codec().convert(value, type);
  }

  @Override
  public void put(String key, @Nullable Object value) {
    Objects.requireNonNull(key, "key");
    data().put(key, value);
    modified = true;
  }

  @Override
  public @Nullable Object remove(String key) {
    Map<String, @Nullable Object> map = data();
    if (!map.containsKey(key)) {
      return null;
    }
    modified = true;
    return map.remove(key);
  }

  @Override
  public @Nullable Object pop(String key) {
    Map<String, @Nullable Object> map = data();
    if (!map.containsKey(key)) {
      throw new NoSuchElementException("The session has no key '" + key + "'");
    }
    modified = true;
    return map.remove(key);
  }

  @Override
  public @Nullable Object pop(String key, @Nullable Object defaultValue) {
    Map<String, @Nullable Object> map = data();
    if (!map.containsKey(key)) {
      return defaultValue;
    }
    modified = true;
    return map.remove(key);
  }

  @Override
  public @Nullable Object setDefault(String key, @Nullable Object value) {
    Map<String, @Nullable Object> map = data();
    if (map.containsKey(key)) {
      return map.get(key);
    }
    put(key, value);
    return value;
  }

  @Override
  public void update(Map<String, ?> values) {
    data().putAll(values);
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
    put(EXPIRY_KEY, at.toString());
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
    Map<String, @Nullable Object> values = data();
    Instant fixedDate = customExpiryDate(values);
    return fixedDate == null ? idleAge(values) : Duration.between(now(), fixedDate);
  }

  @Override
  public Instant getExpiryDate() {
    return expiryDate(data());
  }

  @Override
  public boolean getExpireAtBrowserClose() {
    Object expiry = get(EXPIRY_KEY);
    if (expiry == null) {
      return store.settings().expireAtBrowserClose();
    }
    return expiry instanceof Number number && number.longValue() == 0;
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
    String key = sessionKey;
    if (key == null) {
      create();
      return;
    }
    if (mustCreate) {
      if (!keyIssued && !store.exists(key)) {
        // A key the client sent never names a new record: the data gets a fresh key instead.
        create();
        return;
      }
      if (!store.create(key, record(data == null ? new LinkedHashMap<>() : data))) {
        throw new SessionKeyExistsException("A session is already stored under this key");
      }
      return;
    }
    Map<String, @Nullable Object> current = loadIfNeeded();
    if (sessionKey == null) {
      // The record was already gone when this session first read it (a stale cookie): nothing
      // of it is being written back, so the data gets a fresh key, as an unknown key would.
      create();
      return;
    }
    if (!store.save(key, record(current))) {
      throw new SessionInterruptedException(
          "The session was deleted before the request finished; it may have been logged out by"
              + " another request");
    }
  }

  @Override
  public void create() {
    Map<String, @Nullable Object> current = data == null ? new LinkedHashMap<>() : data;
    sessionKey = store.createUnderNewKey(record(current));
    keyIssued = true;
    data = current;
    modified = true;
  }

  @Override
  public boolean exists(@Nullable String key) {
    return store.exists(key);
  }

  @Override
  public void delete() {
    if (sessionKey != null) {
      store.delete(sessionKey);
    }
  }

  @Override
  public void delete(@Nullable String key) {
    store.delete(key);
  }

  @Override
  public void flush() {
    clear();
    delete();
    sessionKey = null;
  }

  @Override
  public void cycleKey() {
    Map<String, @Nullable Object> current = data();
    String oldKey = sessionKey;
    create();
    if (oldKey != null) {
      store.delete(oldKey);
    }
    data = current;
  }

  @Override
  public String toString() {
    return "Session["
        + (sessionKey == null ? "no key" : "key hidden")
        + ", "
        + (data == null ? "not loaded" : data.size() + " entries")
        + "]";
  }

  // ---- internals ---------------------------------------------------------------------------

  /** The data, loaded on first use; marks the session accessed. */
  private Map<String, @Nullable Object> data() {
    accessed = true;
    return loadIfNeeded();
  }

  /** The data, loaded on first use without touching the flags; drops a key that has no record. */
  private Map<String, @Nullable Object> loadIfNeeded() {
    Map<String, @Nullable Object> current = data;
    if (current == null) {
      Map<String, @Nullable Object> loaded = sessionKey == null ? null : store.read(sessionKey);
      if (loaded == null) {
        sessionKey = null;
        loaded = new LinkedHashMap<>();
      } else {
        keyIssued = true;
      }
      data = current = loaded;
    }
    return current;
  }

  private SessionRecord record(Map<String, @Nullable Object> values) {
    return new SessionRecord(store.settings().codec().encode(values), expiryDate(values));
  }

  private Instant now() {
    return store.settings().clock().instant();
  }

  /** The expiry instant of {@code values} if saved now: their custom expiry, or the default. */
  private Instant expiryDate(Map<String, @Nullable Object> values) {
    Instant fixedDate = customExpiryDate(values);
    return fixedDate == null ? now().plus(idleAge(values)) : fixedDate;
  }

  /** The instant set by {@link #setExpiry(Instant)}, or null when the expiry is an age. */
  private static @Nullable Instant customExpiryDate(Map<String, @Nullable Object> values) {
    if (values.get(EXPIRY_KEY) instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException ex) {
        // an unreadable custom expiry falls back to the default, like an absent one
      }
    }
    return null;
  }

  /** How long the session lives after a save when it has no fixed expiry date: exact seconds. */
  private Duration idleAge(Map<String, @Nullable Object> values) {
    if (values.get(EXPIRY_KEY) instanceof Number number && number.longValue() > 0) {
      return Duration.ofSeconds(number.longValue());
    }
    return store.settings().maxAge();
  }
}
