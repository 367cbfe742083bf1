package dev.sessionkit;

import dev.sessionkit.testing.TestRedis;
import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on the native Redis backend on a standalone Redis at 127.0.0.1:6379. */
@PropertyDefaults(tries = SessionStoreFuzzTests.SERVER_TRIES)
class RedisSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.redis(
        "Redis at 127.0.0.1:6379", TestRedis.connectionFactory("127.0.0.1", 6379));
  }
}
