/**
 * Spring Boot auto-configuration of the cookie backends ({@code sessionkit.backend=signed-cookies}
 * or {@code encrypted-cookies}): a {@link dev.sessionkit.cookie.SignedCookieSessionStore} or {@link
 * dev.sessionkit.cookie.EncryptedCookieSessionStore} with the secrets of {@code
 * sessionkit.cookie-store.*}. Nothing here is meant to be called by an application; define a {@code
 * SessionStore} bean to replace the store.
 */
@NullMarked
package dev.sessionkit.boot.cookie;

import org.jspecify.annotations.NullMarked;
