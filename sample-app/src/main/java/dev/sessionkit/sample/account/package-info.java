/** Demo users, log in (a new session key, the cart kept) and log out (the session ended). */
@NullMarked
package dev.sessionkit.sample.account;

import org.jspecify.annotations.NullMarked;
