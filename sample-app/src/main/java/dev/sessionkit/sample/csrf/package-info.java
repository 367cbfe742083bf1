/** Cross-site request forgery protection with a token kept in the session. */
@NullMarked
package dev.sessionkit.sample.csrf;

import org.jspecify.annotations.NullMarked;
