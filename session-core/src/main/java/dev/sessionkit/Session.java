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

/**
 * One visitor's session: a small dictionary kept on the server under a random key. Obtained from
 * a {@link SessionStore}; the Java face of Django's {@code SessionBase}.
 *
 * <pre>{@code
 * Cart cart = session.get("cart", Cart.class);
 * session.put("cart", cart.add(item));   // marks the session modified
 * }</pre>
 *
 * <p>Data is loaded from the backend on first access, not before. Every read marks the session
 * <em>accessed</em> (so responses vary on the cookie); every change marks it <em>modified</em> (so
 * it is saved). Values are stored as JSON: after a reload, {@link #get(String)} returns JSON's
 * natural Java types ({@code String}, {@code Integer}/{@code Long}/{@code BigInteger}, {@code
 * Double}, {@code Boolean}, {@code List}, {@code Map}, null); {@link #get(String, Class)} converts
 * them back.
 *
 * <p>A session belongs to one request at a time and is not thread-safe.
 */
public final class Session {

  /** The data key under which a custom expiry is kept, as in Django. */
  public static final String EXPIRY_KEY = "_session_expiry";

  /** The data key of the test cookie, as in Django. */
  public static final String TEST_COOKIE_KEY = "testcookie";

  static final String TEST_COOKIE_VALUE = "worked";

  private final AbstractSessionStore store;
  private @Nullable String sessionKey;
  private @Nullable Map<String, @Nullable Object> data;
  private boolean accessed;
  private boolean modified;

  Session(AbstractSessionStore store, @Nullable String sessionKey) {
    this.store = store;
    this.sessionKey = sessionKey;
  }

  /** The key this session is stored under, or null until it is saved. */
  public @Nullable String getSessionKey() {
    return sessionKey;
  }

  // ---- dictionary --------------------------------------------------------------------------

  /** The value stored under {@code key}, or null. Marks the session accessed. */
  public @Nullable Object get(String key) {
    return data().get(key);
  }

  /** The value stored under {@code key}, or {@code defaultValue}. Marks the session accessed. */
  public @Nullable Object getOrDefault(String key, @Nullable Object defaultValue) {
    Map<String, @Nullable Object> map = data();
    return map.containsKey(key) ? map.get(key) : defaultValue;
  }

  /**
   * The value stored under {@code key} converted to {@code type} (a map back to the record it was
   * stored from, a number to {@code Long}), or null. Marks the session accessed.
   *
   * @throws IllegalArgumentException when the value cannot be converted
   */
  public <T> @Nullable T get(String key, Class<T> type) {
    Object value = get(key);
    return value == null ? null : store.settings().codec().convert(value, type);
  }

  /**
   * Stores {@code value} (anything the codec can write: JSON types, records, POJOs) under {@code
   * key}. Marks the session accessed and modified.
   */
  public void put(String key, @Nullable Object value) {
    Objects.requireNonNull(key, "key");
    data().put(key, value);
    modified = true;
  }

  /**
   * Removes {@code key}. Marks the session accessed, and modified if the key was present.
   *
   * @return the removed value, or null
   */
  public @Nullable Object remove(String key) {
    Map<String, @Nullable Object> map = data();
    if (!map.containsKey(key)) {
      return null;
    }
    modified = true;
    return map.remove(key);
  }

  /**
   * Removes {@code key} and returns its value. Marks the session accessed, and modified if the key
   * was present.
   *
   * @throws NoSuchElementException when the key is absent
   */
  public @Nullable Object pop(String key) {
    Map<String, @Nullable Object> map = data();
    if (!map.containsKey(key)) {
      throw new NoSuchElementException("The session has no key '" + key + "'");
    }
    modified = true;
    return map.remove(key);
  }

  /**
   * Removes {@code key} and returns its value, or {@code defaultValue} when absent. Marks the
   * session accessed, and modified if the key was present.
   */
  public @Nullable Object pop(String key, @Nullable Object defaultValue) {
    Map<String, @Nullable Object> map = data();
    if (!map.containsKey(key)) {
      return defaultValue;
    }
    modified = true;
    return map.remove(key);
  }

  /**
   * Stores {@code value} under {@code key} unless the key is present. Marks the session accessed,
   * and modified if it stored {@code value}.
   *
   * @return the value now stored under {@code key}
   */
  public @Nullable Object setDefault(String key, @Nullable Object value) {
    Map<String, @Nullable Object> map = data();
    if (map.containsKey(key)) {
      return map.get(key);
    }
    put(key, value);
    return value;
  }

  /** Stores every entry of {@code values}. Marks the session accessed and modified. */
  public void update(Map<String, ?> values) {
    data().putAll(values);
    modified = true;
  }

  /** Whether {@code key} is stored. Marks the session accessed. */
  public boolean containsKey(String key) {
    return data().containsKey(key);
  }

  /** A snapshot of the stored keys, in insertion order. Marks the session accessed. */
  public Set<String> keySet() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(data().keySet()));
  }

  /** A snapshot of the stored values. Marks the session accessed. */
  public Collection<@Nullable Object> values() {
    return Collections.unmodifiableList(new ArrayList<>(data().values()));
  }

  /** A snapshot of the stored entries. Marks the session accessed. */
  public Set<Map.Entry<String, @Nullable Object>> entrySet() {
    Set<Map.Entry<String, @Nullable Object>> entries = new LinkedHashSet<>();
    data().forEach((key, value) -> entries.add(new SimpleImmutableEntry<>(key, value)));
    return Collections.unmodifiableSet(entries);
  }

  /** Removes all data, without loading it first. Marks the session accessed and modified. */
  public void clear() {
    data = new LinkedHashMap<>();
    accessed = true;
    modified = true;
  }

  /** Whether the session has neither a key nor data (Django's meaning); touches no flag. */
  public boolean isEmpty() {
    return sessionKey == null && (data == null || data.isEmpty());
  }

  // ---- flags -------------------------------------------------------------------------------

  /** Whether the session was read (or changed) during this request. */
  public boolean isAccessed() {
    return accessed;
  }

  public void setAccessed(boolean accessed) {
    this.accessed = accessed;
  }

  /** Whether the session was changed and needs saving. */
  public boolean isModified() {
    return modified;
  }

  public void setModified(boolean modified) {
    this.modified = modified;
  }

  // ---- expiry ------------------------------------------------------------------------------

  /**
   * Makes the session expire {@code maxIdle} after its last save (whole seconds, rounded up).
   * Marks the session modified.
   *
   * @throws IllegalArgumentException unless {@code maxIdle} is positive; use {@link
   *     #setExpiryAtBrowserClose()}, or an {@link Instant} in the past, to end a session
   */
  public void setExpiry(Duration maxIdle) {
    if (maxIdle.isNegative() || maxIdle.isZero()) {
      throw new IllegalArgumentException(
          "Session expiry must be positive, was " + maxIdle
              + "; use setExpiryAtBrowserClose() or an Instant to end the session");
    }
    long seconds = maxIdle.getSeconds() + (maxIdle.getNano() > 0 ? 1 : 0);
    put(EXPIRY_KEY, seconds);
  }

  /** Makes the session expire at {@code at}. Marks the session modified. */
  public void setExpiry(Instant at) {
    put(EXPIRY_KEY, at.toString());
  }

  /**
   * Makes the session cookie end when the browser closes (the server still keeps the record for
   * the default maximum age). Marks the session modified.
   */
  public void setExpiryAtBrowserClose() {
    put(EXPIRY_KEY, 0);
  }

  /** Returns to the configured default expiry. Marks the session modified if it had its own. */
  public void clearExpiry() {
    remove(EXPIRY_KEY);
  }

  /** How long from now until the session expires. Marks the session accessed. */
  public Duration getExpiryAge() {
    return Duration.between(now(), expiryDate(data()));
  }

  /** When the session expires if saved now. Marks the session accessed. */
  public Instant getExpiryDate() {
    return expiryDate(data());
  }

  /** Whether the session cookie ends when the browser closes. Marks the session accessed. */
  public boolean getExpireAtBrowserClose() {
    Object expiry = get(EXPIRY_KEY);
    if (expiry == null) {
      return store.settings().expireAtBrowserClose();
    }
    return expiry instanceof Number number && number.longValue() == 0;
  }

  // ---- test cookie -------------------------------------------------------------------------

  /** Stores the test value that {@link #testCookieWorked()} looks for on the next request. */
  public void setTestCookie() {
    put(TEST_COOKIE_KEY, TEST_COOKIE_VALUE);
  }

  /** Whether the test value set on an earlier request came back, so the browser keeps cookies. */
  public boolean testCookieWorked() {
    return TEST_COOKIE_VALUE.equals(get(TEST_COOKIE_KEY));
  }

  /** Removes the test value; does nothing when there is none. */
  public void deleteTestCookie() {
    remove(TEST_COOKIE_KEY);
  }

  // ---- persistence -------------------------------------------------------------------------

  /** Same as {@code save(false)}. */
  public void save() {
    save(false);
  }

  /**
   * Writes the session to the backend; a session without a key gets a fresh one ({@link
   * #create()}).
   *
   * @param mustCreate write only if no record exists under the key, never overwrite one
   * @throws SessionKeyExistsException when {@code mustCreate} and the key is in use
   * @throws SessionInterruptedException when the record was deleted since it was loaded (for
   *     example by a concurrent logout); nothing is written
   */
  public void save(boolean mustCreate) {
    String key = sessionKey;
    if (key == null) {
      create();
      return;
    }
    if (mustCreate) {
      if (!store.create(key, record(data == null ? new LinkedHashMap<>() : data))) {
        throw new SessionKeyExistsException("A session is already stored under this key");
      }
      return;
    }
    Map<String, @Nullable Object> current = loadIfNeeded();
    if (sessionKey == null || !store.save(key, record(current))) {
      throw new SessionInterruptedException(
          "The session was deleted before the request finished; it may have been logged out by"
              + " another request");
    }
  }

  /** Stores the session under a new unique key. Marks the session modified. */
  public void create() {
    Map<String, @Nullable Object> current = data == null ? new LinkedHashMap<>() : data;
    sessionKey = store.createUnderNewKey(record(current));
    data = current;
    modified = true;
  }

  /** Whether a live record is stored under {@code key}. */
  public boolean exists(@Nullable String key) {
    return store.exists(key);
  }

  /** Deletes this session's record, if it has one; keeps the key and data in memory. */
  public void delete() {
    if (sessionKey != null) {
      store.delete(sessionKey);
    }
  }

  /** Deletes the record stored under {@code key}. */
  public void delete(@Nullable String key) {
    store.delete(key);
  }

  /**
   * Ends the session (logout): clears the data, deletes the record and drops the key. Marks the
   * session accessed and modified.
   */
  public void flush() {
    clear();
    delete();
    sessionKey = null;
  }

  /**
   * Moves the data to a new key and deletes the old record (login: defeats session fixation).
   * Marks the session accessed and modified.
   */
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
    return "Session[" + (sessionKey == null ? "no key" : "key hidden") + ", "
        + (data == null ? "not loaded" : data.size() + " entries") + "]";
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
    Object expiry = values.get(EXPIRY_KEY);
    if (expiry instanceof Number number && number.longValue() > 0) {
      return now().plusSeconds(number.longValue());
    }
    if (expiry instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException ex) {
        // an unreadable custom expiry falls back to the default, like an absent one
      }
    }
    return now().plus(store.settings().maxAge());
  }
}
