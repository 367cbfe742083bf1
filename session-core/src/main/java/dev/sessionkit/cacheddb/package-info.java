/**
 * The cached-db backend: a durable storage (a database table) with a fast copy of each session in
 * front of it (Redis, or an in-process cache for a single instance). See {@link
 * dev.sessionkit.cacheddb.CachedDbSessionStore}.
 */
@NullMarked
package dev.sessionkit.cacheddb;

import org.jspecify.annotations.NullMarked;
