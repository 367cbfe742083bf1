package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Loading the same encoding again copies the data decoded before instead of parsing it, and the
 * copy is the request's own: what a handler changes in place reaches neither the store nor the next
 * request.
 */
class DecodedSnapshotTests {

  private final CountingCodec codec = new CountingCodec();
  private final SessionStore store =
      new CacheSessionStore(
          SessionCaches.caffeine("snapshots", 100, Clock.systemUTC()),
          SessionSettings.builder().codec(codec).build());

  @Test
  void loadingTheSameEncodingAgainParsesItOnlyTwice() {
    String key = storedSession();
    codec.decodes.set(0);

    for (int i = 0; i < 5; i++) {
      assertThat(store.open(key).get("items")).isEqualTo(List.of(1, 2));
    }

    assertThat(codec.decodes).hasValue(2);
  }

  @Test
  void aCodecThatDoesNotDecodeToJsonValuesIsParsedOnEveryLoad() {
    codec.decodesToJsonValues = false;
    SessionStore parsing =
        new CacheSessionStore(
            SessionCaches.caffeine("parsed", 100, Clock.systemUTC()),
            SessionSettings.builder().codec(codec).build());
    Session session = parsing.newSession();
    session.put("items", List.of(1));
    session.save();
    codec.decodes.set(0);

    for (int i = 0; i < 3; i++) {
      assertThat(parsing.open(session.getSessionKey()).get("items")).isEqualTo(List.of(1));
    }

    assertThat(codec.decodes).hasValue(3);
  }

  @Test
  void aValueChangedInPlaceWithoutSaveReachesNeitherTheStoreNorTheNextRequest() {
    String key = storedSession();
    store.open(key).get("items");
    store.open(key).get("items");

    @SuppressWarnings("unchecked")
    List<Object> items = (List<Object>) store.open(key).get("items");
    items.add(3);
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = (Map<String, Object>) store.open(key).get("nested");
    nested.put("changed", true);

    Session next = store.open(key);
    assertThat(next.get("items")).isEqualTo(List.of(1, 2));
    assertThat(next.get("nested")).isEqualTo(Map.of("list", List.of("a")));
  }

  @Test
  void theLoadThatTakesTheSnapshotGetsItsOwnCopyToo() {
    String key = storedSession();
    store.open(key).get("items");

    @SuppressWarnings("unchecked")
    List<Object> items = (List<Object>) store.open(key).get("items");
    items.add(3);

    assertThat(store.open(key).get("items")).isEqualTo(List.of(1, 2));
  }

  @Test
  void aSavedChangeIsWhatTheNextLoadsSee() {
    String key = storedSession();
    store.open(key).get("items");
    store.open(key).get("items");

    Session session = store.open(key);
    session.put("items", List.of(9));
    session.save();

    assertThat(store.open(key).get("items")).isEqualTo(List.of(9));
    assertThat(store.open(key).get("items")).isEqualTo(List.of(9));
    assertThat(store.open(key).get("items")).isEqualTo(List.of(9));
  }

  private String storedSession() {
    Session session = store.newSession();
    session.put("items", new ArrayList<>(List.of(1, 2)));
    session.put("nested", Map.of("list", List.of("a")));
    session.save();
    return session.getSessionKey();
  }

  /** The JSON codec, counting its decodes. */
  private static final class CountingCodec implements SessionCodec {

    final AtomicInteger decodes = new AtomicInteger();
    boolean decodesToJsonValues = true;
    private final JsonSessionCodec json = new JsonSessionCodec();

    @Override
    public String encode(Map<String, ?> data) {
      return json.encode(data);
    }

    @Override
    public Map<String, Object> decode(String encoded) {
      decodes.incrementAndGet();
      return json.decode(encoded);
    }

    @Override
    public <T> T convert(Object value, Class<T> type) {
      return json.convert(value, type);
    }

    @Override
    public boolean decodesToJsonValues() {
      return decodesToJsonValues;
    }
  }
}
