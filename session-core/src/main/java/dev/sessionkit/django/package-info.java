/**
 * Django interoperability, so that a Spring application and a Django application share sessions
 * (and with them a login): {@link dev.sessionkit.django.DjangoSessionStore} keeps sessions in
 * Django's {@code django_session} table, {@link
 * dev.sessionkit.django.DjangoSignedCookieSessionStore} in cookies of Django's {@code
 * signed_cookies} format, both through {@link dev.sessionkit.django.DjangoSessionCodec}, which
 * reads and writes Django's signed session data. Everything else in this package is
 * package-private.
 */
@NullMarked
package dev.sessionkit.django;

import org.jspecify.annotations.NullMarked;
