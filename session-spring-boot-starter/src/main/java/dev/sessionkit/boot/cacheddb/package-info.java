/**
 * Auto-configuration of the cached-db backend ({@code sessionkit.backend=cached-db}): the
 * application's database, with a copy of each session in Redis or in an in-process cache.
 */
@NullMarked
package dev.sessionkit.boot.cacheddb;

import org.jspecify.annotations.NullMarked;
