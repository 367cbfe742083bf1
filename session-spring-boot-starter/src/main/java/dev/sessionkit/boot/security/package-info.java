/**
 * Spring Security on sessionkit: the SecurityContext, the CSRF token and the request saved before a
 * login redirect kept in the visitor's {@link dev.sessionkit.Session} as JSON, a new session key at
 * login and the session ended at logout, applied to every {@code HttpSecurity} by {@link
 * dev.sessionkit.boot.security.SessionkitHttpSecurityCustomizer}, so that no servlet container
 * session is created.
 */
@NullMarked
package dev.sessionkit.boot.security;

import org.jspecify.annotations.NullMarked;
