/**
 * The cookie backends: the session data lives in the cookie itself, signed ({@link
 * dev.sessionkit.cookie.SignedCookieSessionStore}, as Django's {@code signed_cookies}) or encrypted
 * ({@link dev.sessionkit.cookie.EncryptedCookieSessionStore}). Nothing is kept on the server.
 */
@NullMarked
package dev.sessionkit.cookie;

import org.jspecify.annotations.NullMarked;
