/** Encodings that signed session formats share: base 62 numbers, bounded zlib. */
@NullMarked
package dev.sessionkit.spi.encoding;

import org.jspecify.annotations.NullMarked;
