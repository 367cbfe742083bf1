/**
 * The native Redis backend: one Redis key per session, through Spring Data Redis (Lettuce), on a
 * standalone Redis, Sentinel or Redis Cluster.
 */
@NullMarked
package dev.sessionkit.redis;

import org.jspecify.annotations.NullMarked;
