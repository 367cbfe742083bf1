/**
 * Spring Boot auto-configuration for sessionkit: {@link dev.sessionkit.boot.SessionkitProperties}
 * ({@code sessionkit.*}), the backend chosen from them, schema initialisation, scheduled cleanup,
 * the store's listeners (metrics, application events), health and the failure analysis that stops a
 * misconfigured application at startup. Nothing here is meant to be called by an application;
 * replace a bean to change it.
 */
@NullMarked
package dev.sessionkit.boot;

import org.jspecify.annotations.NullMarked;
