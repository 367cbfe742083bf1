/** The cache backend: sessions in any Spring {@link org.springframework.cache.Cache}. */
@NullMarked
package dev.sessionkit.cache;

import org.jspecify.annotations.NullMarked;
