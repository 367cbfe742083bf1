package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.file.FileSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import java.nio.file.Path;
import java.time.Clock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The Django doctest sessionkit started from ({@code shared/seed}), ported statement by statement:
 * each Python line is the comment above the Java that does the same.
 */
class SeedDoctestTest {

  @TempDir Path sessionDirectory;

  @Test
  void databaseSession() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:seed-doctest;DB_CLOSE_DELAY=-1");
    new ResourceDatabasePopulator(new ClassPathResource("dev/sessionkit/jdbc/schema-h2.sql"))
        .execute(dataSource);
    SessionStore store = new JdbcSessionStore(dataSource);

    // >>> db_session = DatabaseSession()
    Session dbSession = store.newSession();
    assertBackendBehaviour(dbSession, true);
  }

  @Test
  void fileSession() {
    // >>> file_session = FileSession()
    Session fileSession = new FileSessionStore(sessionDirectory).newSession();
    assertBackendBehaviour(fileSession, true);
  }

  @Test
  void fileBackendChecksForAGoodStorageDirectory() {
    // >>> settings.SESSION_FILE_PATH = "/if/this/directory/exists/you/have/a/weird/computer"
    Path weird = Path.of("/if/this/directory/exists/you/have/a/weird/computer");
    // >>> FileSession()
    // ImproperlyConfigured: The session storage path '...' doesn't exist. ...
    assertThatExceptionOfType(ImproperlyConfiguredException.class)
        .isThrownBy(() -> new FileSessionStore(weird))
        .withMessage(
            "The session storage path '/if/this/directory/exists/you/have/a/weird/computer'"
                + " doesn't exist. Please set your sessionkit.file.path property to an existing"
                + " directory in which sessions can be stored.");
  }

  @Test
  void cacheSession() {
    // >>> cache_session = CacheSession()
    Session cacheSession =
        new CacheSessionStore(SessionCaches.caffeine("seed", 100, Clock.systemUTC())).newSession();
    // The doctest checks exists() only after the delete for the cache backend.
    assertBackendBehaviour(cacheSession, false);
  }

  @Test
  void sessionBase() {
    // >>> s = SessionBase()
    Session s =
        new CacheSessionStore(SessionCaches.caffeine("seed-base", 100, Clock.systemUTC()))
            .newSession();
    // >>> s._session['some key'] = 'exists'  # Pre-populate the session with some data
    s.put("some key", "exists");
    // >>> s.accessed = False  # Reset to pretend this wasn't accessed previously
    s.setAccessed(false);
    s.setModified(false);
    // >>> s.accessed, s.modified
    // (False, False)
    assertThat(s.isAccessed()).isFalse();
    assertThat(s.isModified()).isFalse();
    // >>> s.pop('non existant key', 'does not exist')
    // 'does not exist'
    assertThat(s.pop("non existant key", "does not exist")).isEqualTo("does not exist");
    // >>> s.accessed, s.modified
    // (True, False)
    assertThat(s.isAccessed()).isTrue();
    assertThat(s.isModified()).isFalse();
    // >>> s.setdefault('foo', 'bar')
    // 'bar'
    assertThat(s.setDefault("foo", "bar")).isEqualTo("bar");
    // >>> s.setdefault('foo', 'baz')
    // 'bar'
    assertThat(s.setDefault("foo", "baz")).isEqualTo("bar");
    // >>> s.accessed = False  # Reset the accessed flag
    s.setAccessed(false);
    // >>> s.pop('some key')
    // 'exists'
    assertThat(s.pop("some key")).isEqualTo("exists");
    // >>> s.accessed, s.modified
    // (True, True)
    assertThat(s.isAccessed()).isTrue();
    assertThat(s.isModified()).isTrue();
    // >>> s.pop('some key', 'does not exist')
    // 'does not exist'
    assertThat(s.pop("some key", "does not exist")).isEqualTo("does not exist");
  }

  /** The statements the doctest repeats for the db, file and cache backends. */
  private static void assertBackendBehaviour(Session session, boolean checkExistsAfterSave) {
    // >>> session.modified
    // False
    assertThat(session.isModified()).isFalse();
    // >>> session['cat'] = "dog"
    session.put("cat", "dog");
    // >>> session.modified
    // True
    assertThat(session.isModified()).isTrue();
    // >>> session.pop('cat')
    // 'dog'
    assertThat(session.pop("cat")).isEqualTo("dog");
    // >>> session.pop('some key', 'does not exist')
    // 'does not exist'
    assertThat(session.pop("some key", "does not exist")).isEqualTo("does not exist");
    // >>> session.save()
    session.save();
    if (checkExistsAfterSave) {
      // >>> session.exists(session.session_key)
      // True
      assertThat(session.exists(session.getSessionKey())).isTrue();
    }
    // >>> session.delete(session.session_key)
    session.delete(session.getSessionKey());
    // >>> session.exists(session.session_key)
    // False
    assertThat(session.exists(session.getSessionKey())).isFalse();
  }
}
