package dev.sessionkit.boot.web;

import java.util.Map;
import java.util.UUID;

/** The session filter with the db backend on an in-memory H2 database. */
class DbSessionFilterWebTests extends AbstractSessionFilterWebTests {

  @Override
  Map<String, Object> backendProperties() {
    return Map.of(
        "sessionkit.backend",
        "db",
        "spring.datasource.url",
        "jdbc:h2:mem:web-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  String backendName() {
    return "db";
  }
}
