package dev.sessionkit.boot;

import dev.sessionkit.SessionStore;

/**
 * Names the backend of a store for logs, metrics and health. By class name, so that asking never
 * loads a backend whose optional dependencies (spring-jdbc) are absent.
 */
final class SessionBackends {

  static final String DB = "db";
  static final String FILE = "file";
  static final String CACHE = "cache";

  private SessionBackends() {}

  /** {@code db}, {@code file}, {@code cache}, or the class name of any other store. */
  static String name(SessionStore store) {
    return switch (store.getClass().getName()) {
      case "dev.sessionkit.jdbc.JdbcSessionStore" -> DB;
      case "dev.sessionkit.file.FileSessionStore" -> FILE;
      case "dev.sessionkit.cache.CacheSessionStore" -> CACHE;
      default -> store.getClass().getSimpleName();
    };
  }

  /** Whether expired sessions stay until removed (db, file); caches expire them themselves. */
  static boolean needsCleanup(SessionStore store) {
    String name = name(store);
    return name.equals(DB) || name.equals(FILE);
  }
}
