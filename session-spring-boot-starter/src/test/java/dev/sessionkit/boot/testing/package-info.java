/** Test support: a web application to run the session filter in, and an HTTP client for it. */
@NullMarked
package dev.sessionkit.boot.testing;

import org.jspecify.annotations.NullMarked;
