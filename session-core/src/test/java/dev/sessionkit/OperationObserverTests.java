package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.engine.OperationObserver;
import dev.sessionkit.engine.StorageSessionStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Every storage call of the engine goes through its observer, which learns no session key. */
class OperationObserverTests {

  private final List<String> observed = new CopyOnWriteArrayList<>();
  private final StorageSessionStore store =
      new CacheSessionStore(SessionCaches.caffeine("observed", 100, Clock.systemUTC()));

  @Test
  void loadsCreatesSavesChecksAndDeletesAreObservedWithTheBackend() {
    store.observeWith(recording(null));

    Session session = store.newSession();
    session.put("a", 1);
    session.save();
    String key = session.getSessionKey();
    Session again = store.open(key);
    again.put("a", 2);
    again.save();
    store.exists(key);
    store.delete(key);

    assertThat(observed)
        .containsExactly("create/cache", "load/cache", "save/cache", "check/cache", "delete/cache");
  }

  @Test
  void aFailingCallFailsThroughTheObserverUnchanged() {
    SessionStoreException failure = new SessionStoreException("down");
    store.observeWith(recording(failure));

    assertThatExceptionOfType(SessionStoreException.class)
        .isThrownBy(() -> store.open("abcdefghijklmnopqrstuvwxyz012345").get("a"))
        .isSameAs(failure);
    assertThat(observed).containsExactly("load/cache");
  }

  private OperationObserver recording(@Nullable SessionStoreException failure) {
    return new OperationObserver() {
      @Override
      public <T> T observe(String operation, String backend, Supplier<T> call) {
        observed.add(operation + "/" + backend);
        if (failure != null) {
          throw failure;
        }
        return call.get();
      }
    };
  }
}
