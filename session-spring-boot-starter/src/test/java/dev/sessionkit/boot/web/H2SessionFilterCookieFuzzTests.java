package dev.sessionkit.boot.web;

import dev.sessionkit.SessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The cookie-header fuzz of the filter on the db backend, on an H2 database of its own. */
class H2SessionFilterCookieFuzzTests extends SessionFilterCookieFuzzTests {

  @Override
  SessionStore newStore() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:cookie-fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    new ResourceDatabasePopulator(new ClassPathResource("dev/sessionkit/jdbc/schema-h2.sql"))
        .execute(dataSource);
    return new JdbcSessionStore(dataSource);
  }
}
