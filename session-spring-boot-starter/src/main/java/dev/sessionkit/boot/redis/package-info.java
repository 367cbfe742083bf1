/**
 * Spring Boot auto-configuration of the native Redis backend ({@code sessionkit.backend=redis}): a
 * {@link dev.sessionkit.redis.RedisSessionStore} on the application's {@code
 * RedisConnectionFactory}, and its {@code sessionkit.redis.*} properties. Nothing here is meant to
 * be called by an application; define a {@code SessionStore} bean to replace the store.
 */
@NullMarked
package dev.sessionkit.boot.redis;

import org.jspecify.annotations.NullMarked;
