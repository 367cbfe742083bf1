/**
 * The servlet side of sessionkit, Django's {@code SessionMiddleware}: {@link
 * dev.sessionkit.boot.web.SessionFilter} binds a lazy {@link dev.sessionkit.Session} to each
 * request and saves it, with its cookie, before the response is committed; {@link
 * dev.sessionkit.boot.web.SessionArgumentResolver} and {@link
 * dev.sessionkit.boot.web.CurrentSession} hand it to controllers and beans.
 */
@NullMarked
package dev.sessionkit.boot.web;

import org.jspecify.annotations.NullMarked;
