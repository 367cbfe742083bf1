/** Hints for ahead-of-time processing and GraalVM native images. */
@NullMarked
package dev.sessionkit.boot.aot;

import org.jspecify.annotations.NullMarked;
