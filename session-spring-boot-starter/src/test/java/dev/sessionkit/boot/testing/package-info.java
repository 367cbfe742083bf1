/**
 * Test support: a web application to run the session filter in, an HTTP client for it, and what the
 * failure analyzers say about a context that fails to start.
 */
@NullMarked
package dev.sessionkit.boot.testing;

import org.jspecify.annotations.NullMarked;
