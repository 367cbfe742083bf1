package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.django.DjangoSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * The session store contract on {@link DjangoSessionStore}, over Django's {@code django_session}
 * table created with the statements Django's {@code sqlmigrate sessions 0001} prints for the
 * database; one subclass per database supplies both.
 */
abstract class DjangoSessionStoreContractTests extends SessionStoreContractTests
    implements ConcurrentSavesContract {

  static final String SECRET_KEY = "django-insecure-contract-secret-key-0123456789abcdef";

  /** The database of the subclass, registered there with {@code @RegisterExtension}. */
  abstract TestDatabase database();

  /** Django's statements that create its session table on that database, made idempotent. */
  abstract List<String> djangoSessionTable();

  @BeforeEach
  void emptyDjangoTable() {
    djangoSessionTable().forEach(database().jdbc()::execute);
    database().jdbc().update("DELETE FROM django_session");
  }

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new DjangoSessionStore(database().dataSource(), SECRET_KEY, List.of(), settings);
  }

  @Override
  public StorageSessionStore otherStore() {
    return new DjangoSessionStore(database().dataSource(), SECRET_KEY, List.of(), settings);
  }

  @Override
  void corruptStoredData(String sessionKey, String rawData) {
    int updated =
        database()
            .jdbc()
            .update(
                "UPDATE django_session SET session_data = ? WHERE session_key = ?",
                rawData,
                sessionKey);
    assertThat(updated).as("rows updated").isEqualTo(1);
  }

  @Override
  boolean isStored(String sessionKey) {
    Integer rows =
        database()
            .jdbc()
            .queryForObject(
                "SELECT COUNT(*) FROM django_session WHERE session_key = ?",
                Integer.class,
                sessionKey);
    return rows != null && rows > 0;
  }
}
