/**
 * Spring Boot auto-configuration of the Django backend ({@code sessionkit.backend=django}): a
 * {@link dev.sessionkit.django.DjangoSessionStore} on the application's {@code DataSource} with the
 * secret keys of {@code sessionkit.django.*}. Nothing here is meant to be called by an application;
 * define a {@code SessionStore} bean to replace the store.
 */
@NullMarked
package dev.sessionkit.boot.django;

import org.jspecify.annotations.NullMarked;
