/**
 * The engine: {@link dev.sessionkit.engine.StorageSessionStore}, the one {@link
 * dev.sessionkit.SessionStore} implementation, over any {@link dev.sessionkit.spi.SessionStorage}.
 * It owns keys, expiry, the codec, change tracking, the merge of concurrent saves and listeners.
 */
@NullMarked
package dev.sessionkit.engine;

import org.jspecify.annotations.NullMarked;
