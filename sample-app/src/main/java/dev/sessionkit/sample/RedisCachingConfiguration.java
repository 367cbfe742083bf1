package dev.sessionkit.sample;

import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Profile {@code redis}: enables Spring's caching so that Boot creates a {@code RedisCacheManager}
 * ({@code spring.cache.type: redis}) whose cache {@code sessions} the cache backend stores sessions
 * in. The starter prepares that cache for sessions: values stored as strings, not with Java
 * serialization, and each entry living exactly as long as its session.
 */
@Configuration(proxyBeanMethods = false)
@Profile("redis")
@EnableCaching
public class RedisCachingConfiguration {}
