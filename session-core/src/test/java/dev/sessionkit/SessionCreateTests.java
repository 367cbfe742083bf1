package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** How {@link Session#create()} reacts to key collisions, on a store that can be told to refuse. */
class SessionCreateTests {

  @Test
  void createRetriesWithAnotherKeyWhenTheFirstIsTaken() {
    CollidingStore store = new CollidingStore(2);
    Session session = store.newSession();
    session.put("cart", "book");

    session.create();

    assertThat(store.attemptedKeys).hasSize(3).doesNotHaveDuplicates();
    assertThat(session.getSessionKey()).isEqualTo(store.attemptedKeys.get(2));
    assertThat(store.records).containsOnlyKeys(session.getSessionKey());
  }

  @Test
  void createGivesUpWithAClearErrorWhenEveryKeyIsTaken() {
    CollidingStore store = new CollidingStore(Integer.MAX_VALUE);

    assertThatExceptionOfType(SessionStoreException.class)
        .isThrownBy(() -> store.newSession().create())
        .withMessageContaining("random session keys in use");
    assertThat(store.attemptedKeys).hasSize(10);
  }

  /** An in-memory store whose first {@code collisions} inserts find their key taken. */
  private static final class CollidingStore extends AbstractSessionStore {

    final Map<String, SessionRecord> records = new ConcurrentHashMap<>();
    final List<String> attemptedKeys = new ArrayList<>();
    private int collisions;

    CollidingStore(int collisions) {
      super(SessionSettings.defaults());
      this.collisions = collisions;
    }

    @Override
    protected @Nullable SessionRecord load(String sessionKey) {
      return records.get(sessionKey);
    }

    @Override
    protected boolean insert(String sessionKey, SessionRecord record) {
      attemptedKeys.add(sessionKey);
      if (collisions > 0) {
        collisions--;
        return false;
      }
      return records.putIfAbsent(sessionKey, record) == null;
    }

    @Override
    protected boolean update(String sessionKey, SessionRecord record) {
      return records.replace(sessionKey, record) != null;
    }

    @Override
    protected void remove(String sessionKey) {
      records.remove(sessionKey);
    }

    @Override
    public int clearExpired() {
      return 0;
    }
  }
}
