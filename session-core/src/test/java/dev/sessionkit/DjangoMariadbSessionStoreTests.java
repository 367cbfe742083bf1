package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract on {@link dev.sessionkit.django.DjangoSessionStore} over MariaDB at 127.0.0.1:3306,
 * with the table Django's MySQL backend creates ({@code datetime(6)} in UTC, as Django keeps it
 * with {@code USE_TZ = True}); skipped when MariaDB is not running, unless {@code
 * -Dsessionkit.require-services=true}. (No Django runs against it: Debian's Django has no MySQL
 * driver installed here.)
 */
class DjangoMariadbSessionStoreTests extends DjangoSessionStoreContractTests {

  /** Django 3.2's {@code sqlmigrate sessions 0001} on MySQL, made idempotent. */
  static final List<String> DJANGO_SESSION_TABLE =
      List.of(
          "CREATE TABLE IF NOT EXISTS `django_session` (`session_key` varchar(40) NOT NULL PRIMARY"
              + " KEY, `session_data` longtext NOT NULL, `expire_date` datetime(6) NOT NULL)",
          "CREATE INDEX IF NOT EXISTS `django_session_expire_date_a5c62663` ON `django_session`"
              + " (`expire_date`)");

  @RegisterExtension static final TestDatabase database = TestDatabase.mariadb();

  @Override
  TestDatabase database() {
    return database;
  }

  @Override
  List<String> djangoSessionTable() {
    return DJANGO_SESSION_TABLE;
  }

  @Test
  void expireDateIsStoredInUtcAsDjangoKeepsIt() {
    String key = storedSession(Map.of("a", 1));

    String expireDate =
        database
            .jdbc()
            .queryForObject(
                "SELECT DATE_FORMAT(expire_date, '%Y-%m-%d %H:%i:%s') FROM django_session WHERE session_key = ?",
                String.class, key);

    assertThat(expireDate).isEqualTo("2030-01-15 00:00:00");
  }
}
