/**
 * Demo users and Spring Security's form login, remember-me, CSRF protection and logout, whose state
 * the sessionkit starter keeps in the {@link dev.sessionkit.Session}: a new session key at login
 * (the cart kept), the session ended at logout; and "Your devices", the user's sessions on every
 * browser, with "Sign out other devices".
 */
@NullMarked
package dev.sessionkit.sample.account;

import org.jspecify.annotations.NullMarked;
