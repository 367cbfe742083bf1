package dev.sessionkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One visitor's session: a small dictionary kept on the server under a random key. Obtained from a
 * {@link SessionStore}; the Java face of Django's {@code SessionBase}.
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
 * <p>A session belongs to one request at a time and is not thread-safe. Sessions are created by a
 * {@link SessionStore}; this interface exists so that a session can be proxied (a request-scoped
 * bean) or mocked in an application's tests.
 */
public interface Session {

  /** The data key under which a custom expiry is kept, as in Django. */
  String EXPIRY_KEY = "_session_expiry";

  /** The data key of the test cookie, as in Django. */
  String TEST_COOKIE_KEY = "testcookie";

  /** The key this session is stored under, or null until it is saved. */
  @Nullable String getSessionKey();

  /** The value stored under {@code key}, or null. Marks the session accessed. */
  @Nullable Object get(String key);

  /** The value stored under {@code key}, or {@code defaultValue}. Marks the session accessed. */
  @Nullable Object getOrDefault(String key, @Nullable Object defaultValue);

  /**
   * The value stored under {@code key} converted to {@code type} (a map back to the record it was
   * stored from, a number to {@code Long}), or null. Marks the session accessed.
   *
   * <p>A value that cannot be converted (stored by an older release whose class has changed since)
   * reads as absent: null, with one warning naming the data key and the type, so that a deploy
   * never turns stored sessions into errors.
   */
  <T> @Nullable T get(String key, Class<T> type);

  /**
   * Updates the value under {@code key} atomically with respect to concurrent saves of this
   * session: {@code update} receives the current value converted to {@code type} (null when absent
   * or not convertible) and returns the new one (null removes the key). When another request saved
   * the session meanwhile, the save applies {@code update} again to the freshly stored value, so
   * parallel requests that each add one to a counter leave it exact. Marks the session accessed and
   * modified.
   *
   * <pre>{@code
   * session.compute("visits", Integer.class, n -> n == null ? 1 : n + 1);
   * }</pre>
   *
   * @param update a function without side effects: it may run again at save time
   * @return the value {@code update} returned now
   */
  <T> @Nullable T compute(String key, Class<T> type, UnaryOperator<@Nullable T> update);

  /**
   * Stores {@code value} (anything the codec can write: JSON types, records, POJOs) under {@code
   * key}. Marks the session accessed and modified.
   */
  void put(String key, @Nullable Object value);

  /**
   * Removes {@code key}. Marks the session accessed, and modified if the key was present.
   *
   * @return the removed value, or null
   */
  @Nullable Object remove(String key);

  /**
   * Removes {@code key} and returns its value. Marks the session accessed, and modified if the key
   * was present.
   *
   * @throws NoSuchElementException when the key is absent
   */
  @Nullable Object pop(String key);

  /**
   * Removes {@code key} and returns its value, or {@code defaultValue} when absent. Marks the
   * session accessed, and modified if the key was present.
   */
  @Nullable Object pop(String key, @Nullable Object defaultValue);

  /**
   * Stores {@code value} under {@code key} unless the key is present. Marks the session accessed,
   * and modified if it stored {@code value}.
   *
   * @return the value now stored under {@code key}
   */
  @Nullable Object setDefault(String key, @Nullable Object value);

  /** Stores every entry of {@code values}. Marks the session accessed and modified. */
  void update(Map<String, ?> values);

  /** Whether {@code key} is stored. Marks the session accessed. */
  boolean containsKey(String key);

  /** A snapshot of the stored keys, in insertion order. Marks the session accessed. */
  Set<String> keySet();

  /** A snapshot of the stored values. Marks the session accessed. */
  Collection<@Nullable Object> values();

  /** A snapshot of the stored entries. Marks the session accessed. */
  Set<Map.Entry<String, @Nullable Object>> entrySet();

  /**
   * Removes all data, without loading it first; concurrent changes saved before this session's save
   * are discarded with it. Marks the session accessed and modified.
   */
  void clear();

  /** Whether the session has neither a key nor data (Django's meaning); touches no flag. */
  boolean isEmpty();

  /** Whether the session was read (or changed) during this request. */
  boolean isAccessed();

  /** Sets the accessed flag, as Django lets a caller reset it. */
  void setAccessed(boolean accessed);

  /** Whether the session was changed and needs saving. */
  boolean isModified();

  /** Sets the modified flag: true forces a save, false skips one. */
  void setModified(boolean modified);

  /**
   * Makes the session expire {@code maxIdle} after its last save (whole seconds, rounded up). Marks
   * the session modified.
   *
   * @throws IllegalArgumentException unless {@code maxIdle} is positive; use {@link
   *     #setExpiryAtBrowserClose()}, or an {@link Instant} in the past, to end a session
   */
  void setExpiry(Duration maxIdle);

  /**
   * Makes the session expire at {@code at}. Marks the session modified. An instant after the last
   * second of year 9999 ({@link Instant#MAX} for "never") counts as that second, the latest expiry
   * every backend can store.
   */
  void setExpiry(Instant at);

  /**
   * Makes the session cookie end when the browser closes (the server still keeps the record for the
   * default maximum age). Marks the session modified.
   */
  void setExpiryAtBrowserClose();

  /** Returns to the configured default expiry. Marks the session modified if it had its own. */
  void clearExpiry();

  /** How long from now until the session expires. Marks the session accessed. */
  Duration getExpiryAge();

  /** When the session expires if saved now. Marks the session accessed. */
  Instant getExpiryDate();

  /** Whether the session cookie ends when the browser closes. Marks the session accessed. */
  boolean getExpireAtBrowserClose();

  /** Stores the test value that {@link #testCookieWorked()} looks for on the next request. */
  void setTestCookie();

  /** Whether the test value set on an earlier request came back, so the browser keeps cookies. */
  boolean testCookieWorked();

  /** Removes the test value; does nothing when there is none. */
  void deleteTestCookie();

  /** Same as {@code save(false)}. */
  void save();

  /**
   * Writes the session to the backend; a session without a key gets a fresh one ({@link
   * #create()}).
   *
   * <p>Concurrent saves merge: when another request saved this session since it was loaded, the
   * keys this session put or removed (and its {@link #compute} updates, {@link #clear()}) are
   * applied again to what is stored now, so changes to different keys all survive; of two puts of
   * one key, the later save wins. Backends that cannot compare and set (a Spring {@code Cache}
   * other than an in-process one) cannot merge: there the later save overwrites.
   *
   * <p>A session whose key had no record when it was loaded (a stale cookie) and that was not
   * changed is not written.
   *
   * @param mustCreate write only if no record exists under the key, never overwrite one
   * @throws SessionKeyExistsException when {@code mustCreate} and the key is in use
   * @throws SessionInterruptedException when the record was deleted after this session loaded it
   *     (for example by a concurrent logout); nothing is written, the record is never re-created. A
   *     record that was already gone when the session was first read (a stale cookie) is not an
   *     interruption: a changed session is saved under a fresh key.
   * @throws SessionConflictException when concurrent saves kept winning over this one for all of
   *     its bounded attempts
   */
  void save(boolean mustCreate);

  /** Stores the session under a new unique key. Marks the session modified. */
  void create();

  /** Whether a live record is stored under {@code key}. */
  boolean exists(@Nullable String key);

  /**
   * Deletes this session's record, if it has one; keeps the key and data in memory. On a cookie
   * backend, whose record is the cookie itself, it ends the session as Django's {@code
   * signed_cookies} does: the key and data are dropped and the session is marked modified, so the
   * response removes the cookie.
   */
  void delete();

  /** Deletes the record stored under {@code key}. */
  void delete(@Nullable String key);

  /**
   * Ends the session (logout): clears the data, deletes the record and drops the key. Marks the
   * session accessed and modified.
   */
  void flush();

  /**
   * Moves the data to a new key and deletes the old record (login: defeats session fixation). Marks
   * the session accessed and modified.
   */
  void cycleKey();
}
