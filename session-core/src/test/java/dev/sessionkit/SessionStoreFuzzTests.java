package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sessionkit.testing.ServiceAvailability;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.jspecify.annotations.Nullable;

/**
 * Property-based tests (jqwik) of what a client or a damaged store can hand a {@link SessionStore}:
 * the fuzzing contract, which every backend passes unchanged. A backend's class extends this one,
 * says how to open its {@link FuzzedBackend}, and sets its number of cases with
 * {@code @PropertyDefaults(tries = ...)}: {@value #TRIES} for the in-process backends, {@value
 * #SERVER_TRIES} for each backend on a server (there are five), so that each property gets at least
 * {@value #TRIES} cases on the servers too while the run stays short (see docs/reliability.md).
 *
 * <ul>
 *   <li>Session keys: any string (any Unicode, path fragments, NUL, lengths around the valid 8 to
 *       40) passed to {@code open} (then read), {@code exists} and {@code delete} never throws,
 *       never finds a session, and stores nothing (no row, no cache entry, no Redis key, and no
 *       file inside or outside the session directory).
 *   <li>Stored bytes: random text, random bytes, truncated JSON, nesting up to 20,000 levels, and
 *       values up to 1 MiB, written straight into the backend's storage for a live session (for a
 *       cookie store: a cookie signed or encrypted with its own secret), load as an empty session
 *       or as the JSON object they hold, never throw, and leave the session unmodified. A case the
 *       storage cannot hold is discarded and not counted as checked (text with NUL on PostgreSQL;
 *       for the encrypted cookie, data too big for a cookie).
 * </ul>
 *
 * <p>A backend on a server is opened once per class, outside JUnit Jupiter, in a schema, database
 * or key prefix of this run, and closed (its data removed) after the class. When its server is
 * down, the class is skipped with the reason, unless {@code -Dsessionkit.require-services=true},
 * which makes every property fail with it.
 */
@AddLifecycleHook(SessionStoreFuzzTests.OpenBackend.class)
abstract class SessionStoreFuzzTests {

  /** Cases per property on an in-process backend. */
  static final int TRIES = 10_000;

  /** Cases per property on a backend that needs a server; five such backends. */
  static final int SERVER_TRIES = 2_000;

  private static final String KEY_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** The backend of each test class that is running, or why it could not be opened. */
  private static final Map<Class<?>, FuzzedBackend> OPEN = new ConcurrentHashMap<>();

  private static final Map<Class<?>, String> UNAVAILABLE = new ConcurrentHashMap<>();

  /** Opens the backend under test; throws when its server is unreachable. */
  abstract FuzzedBackend openBackend() throws Exception;

  private FuzzedBackend backend() {
    FuzzedBackend backend = OPEN.get(getClass());
    if (backend == null) {
      return fail(
          "the backend of "
              + getClass().getSimpleName()
              + " could not be opened and is required (-D"
              + ServiceAvailability.REQUIRE_SERVICES
              + "=true): "
              + UNAVAILABLE.getOrDefault(getClass(), "not opened"));
    }
    return backend;
  }

  // ---- session keys --------------------------------------------------------------------------

  @Property
  void anyKeyFindsNothingAndStoresNothing(@ForAll("keys") String key) {
    FuzzedBackend backend = backend();
    SessionStore store = backend.store();
    Session session = store.open(key);
    assertThat(session.get("a")).isNull();
    assertThat(session.keySet()).isEmpty();
    assertThat(session.getSessionKey()).isNull();
    assertThat(store.exists(key)).isFalse();
    store.delete(key);
    backend.assertNothingStored();
  }

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> fragments =
        Arbitraries.of(
                "..",
                ".",
                "/",
                "\\",
                "\u0000",
                "%2e%2e",
                "%2f",
                "~",
                "sessionkit-",
                ".tmp",
                "*",
                "?",
                ":",
                " ",
                "\n",
                "a1b2c3d4",
                "ABCDEFGH",
                "abcdefghabcdefghabcdefghabcdefgh")
            .list()
            .ofMaxSize(10)
            .map(parts -> String.join("", parts));
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withChars(KEY_CHARACTERS).ofMaxLength(48),
        Arbitraries.strings().withChars(KEY_CHARACTERS + "./\\\u0000%-_~").ofMaxLength(64),
        Arbitraries.strings().ascii().ofMaxLength(64),
        fragments);
  }

  // ---- stored bytes --------------------------------------------------------------------------

  @Property
  void anyStoredDataLoadsAsEmptyOrAsTheObjectWithoutThrowing(@ForAll("storedData") String data) {
    FuzzedBackend backend = backend();
    SessionStore store = backend.store();
    Session live = store.newSession();
    live.put("a", 1);
    live.save();
    String key = backend.corrupt(live.getSessionKey(), data);

    Session session = store.open(key);
    Object value = session.get("a");
    Set<String> names = session.keySet();
    if (names.isEmpty()) {
      assertThat(value).isNull();
    } else {
      assertThat(data.strip()).startsWith("{");
    }
    assertThat(session.isModified()).isFalse();
    if (backend.keysAreServerSide()) {
      assertThat(session.getSessionKey()).isEqualTo(key);
    }
    store.delete(key);
    assertThat(store.exists(key)).isFalse();
  }

  @Provide
  Arbitrary<String> storedData() {
    Arbitrary<String> json = json(3);
    Arbitrary<String> objects = json(3).map(value -> "{\"a\": " + value + ", \"b\": \"c\"}");
    Arbitrary<String> truncated =
        Combinators.combine(objects, Arbitraries.doubles().between(0, 1))
            .as((text, fraction) -> text.substring(0, (int) (text.length() * fraction)));
    Arbitrary<Integer> depth = Arbitraries.integers().between(1, 20_000);
    Arbitrary<String> nested =
        Arbitraries.oneOf(
            depth.map("["::repeat),
            depth.map("{\"a\":"::repeat),
            depth.map(n -> "[".repeat(n) + "]".repeat(n)),
            depth.map(n -> "{\"a\":" + "[".repeat(n) + "]".repeat(n) + "}"),
            depth.map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)));
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 1 << 20);
    Arbitrary<String> huge =
        Arbitraries.oneOf(
            size.map(n -> "{\"a\": \"" + "x".repeat(n) + "\"}"),
            size.map(n -> "{\"a\": [" + "1,".repeat(n / 2) + "1]}"),
            size.map(n -> "{\"a\": \"" + "\\u00e9".repeat(n / 6 + 1) + "\"}"),
            size.map(n -> "9".repeat(n)));
    Arbitrary<String> randomBytes =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(2_000)
            .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.strings().all().ofMaxLength(500)),
        Tuple.of(15, randomBytes),
        Tuple.of(15, json),
        Tuple.of(15, objects),
        Tuple.of(20, truncated),
        Tuple.of(12, nested),
        Tuple.of(3, huge));
  }

  /** Random JSON values, nested up to {@code depth} levels. */
  private static Arbitrary<String> json(int depth) {
    Arbitrary<String> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(20).map(SessionStoreFuzzTests::quote),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                .map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf),
            Arbitraries.of("true", "false", "null", "1e400", "-0", "NaN"));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<String> lists = inner.list().ofMaxSize(4).map(items -> "[" + join(items) + "]");
    Arbitrary<String> maps =
        Combinators.combine(
                Arbitraries.strings().all().ofMaxLength(10).list().ofMaxSize(4),
                inner.list().ofSize(4))
            .as(
                (names, values) -> {
                  StringBuilder object = new StringBuilder("{");
                  for (int i = 0; i < names.size(); i++) {
                    object.append(i == 0 ? "" : ",").append(quote(names.get(i))).append(':');
                    object.append(values.get(i));
                  }
                  return object.append('}').toString();
                });
    return Arbitraries.oneOf(scalars, lists, maps);
  }

  private static String join(List<String> items) {
    return String.join(",", items);
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  /**
   * Opens the backend of a test class before its properties run, or skips the class with the reason
   * when its server is down (unless services are required: then every property fails), and closes
   * it after them. Thousands of unreadable records each log a warning (tested elsewhere):
   * sessionkit's warnings are off meanwhile, to keep the output short.
   */
  static final class OpenBackend implements SkipExecutionHook, AroundContainerHook {

    /** Kept so the level set on it stays (JUL holds loggers weakly). */
    private static final Logger SESSIONKIT_LOGGER = Logger.getLogger("dev.sessionkit");

    private static @Nullable Level loggerLevel;

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      Class<?> type = fuzzedClass(context);
      if (type == null) {
        return SkipResult.doNotSkip();
      }
      try {
        SessionStoreFuzzTests tests = (SessionStoreFuzzTests) context.newInstance(type);
        OPEN.put(type, tests.openBackend());
        return SkipResult.doNotSkip();
      } catch (Exception ex) {
        String reason = ServiceAvailability.describe(ex);
        UNAVAILABLE.put(type, reason);
        System.err.println(
            "[sessionkit tests] "
                + type.getSimpleName()
                + ": backend not reachable ("
                + reason
                + ")");
        return ServiceAvailability.servicesRequired()
            ? SkipResult.doNotSkip()
            : SkipResult.skip("backend not reachable, skipped: " + reason);
      }
    }

    @Override
    public void beforeContainer(ContainerLifecycleContext context) {
      if (fuzzedClass(context) != null) {
        loggerLevel = SESSIONKIT_LOGGER.getLevel();
        SESSIONKIT_LOGGER.setLevel(Level.SEVERE);
      }
    }

    @Override
    public void afterContainer(ContainerLifecycleContext context) {
      Class<?> type = fuzzedClass(context);
      if (type == null) {
        return;
      }
      SESSIONKIT_LOGGER.setLevel(loggerLevel);
      UNAVAILABLE.remove(type);
      FuzzedBackend backend = OPEN.remove(type);
      if (backend != null) {
        try {
          backend.close();
        } catch (Exception ex) {
          throw new IllegalStateException("Could not close the backend of " + type, ex);
        }
      }
    }

    /** The concrete fuzz test class of a container context, else null. */
    private static @Nullable Class<?> fuzzedClass(LifecycleContext context) {
      if (!(context instanceof ContainerLifecycleContext)) {
        return null;
      }
      Class<?> type = context.optionalContainerClass().orElse(null);
      return type != null
              && SessionStoreFuzzTests.class.isAssignableFrom(type)
              && !Modifier.isAbstract(type.getModifiers())
          ? type
          : null;
    }
  }
}
