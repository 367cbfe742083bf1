/**
 * Django interoperability: {@link dev.sessionkit.django.DjangoSessionCodec} reads and writes the
 * {@code session_data} that Django's {@code django.contrib.sessions} stores, so that a Spring
 * application and a Django application can share sessions. Everything else in this package is
 * package-private.
 */
@NullMarked
package dev.sessionkit.django;

import org.jspecify.annotations.NullMarked;
