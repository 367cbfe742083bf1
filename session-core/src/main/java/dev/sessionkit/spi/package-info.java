/**
 * The storage SPI: what a backend implements so that the engine ({@link
 * dev.sessionkit.engine.StorageSessionStore}) can keep sessions in it. A backend is one {@link
 * dev.sessionkit.spi.SessionStorage}; keys, expiry, the codec, change tracking, the merge of
 * concurrent saves and listeners belong to the engine.
 */
@NullMarked
package dev.sessionkit.spi;

import org.jspecify.annotations.NullMarked;
