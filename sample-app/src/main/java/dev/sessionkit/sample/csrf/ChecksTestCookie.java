package dev.sessionkit.sample.csrf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST handler that refuses, by itself, any request whose browser did not return the
 * session: it acts only when {@link dev.sessionkit.Session#testCookieWorked()}. For such a handler
 * the {@link CsrfInterceptor} lets through a request whose session holds no token at all, so that
 * the handler can tell the visitor why nothing works (the browser refuses cookies, or its session
 * expired), instead of answering 403. A session that holds a token is checked as usual.
 *
 * <p>This is safe because the test cookie and the token are stored by the same page (the login
 * form): a request without a token has no test cookie either, and is refused.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChecksTestCookie {}
