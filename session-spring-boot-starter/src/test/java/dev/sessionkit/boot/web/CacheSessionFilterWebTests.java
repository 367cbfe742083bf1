package dev.sessionkit.boot.web;

import java.util.Map;

/** The session filter with the cache backend on its dedicated in-process Caffeine cache. */
class CacheSessionFilterWebTests extends AbstractSessionFilterWebTests {

  @Override
  Map<String, Object> backendProperties() {
    return Map.of("sessionkit.backend", "cache");
  }

  @Override
  String backendName() {
    return "cache";
  }
}
