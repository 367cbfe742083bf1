/**
 * Spring Boot auto-configuration for sessionkit: {@link dev.sessionkit.boot.SessionkitProperties}
 * ({@code sessionkit.*}), the backend chosen from them ({@code db}, {@code file}, {@code cache};
 * the other backends have packages of their own), the registration of the store's listeners, the
 * startup log and the failure analysis that stops a misconfigured application at startup. Schema
 * initialisation, scheduled cleanup, metrics and health are in the sub-packages {@code jdbc},
 * {@code cleanup}, {@code metrics} and {@code health}. Nothing here is meant to be called by an
 * application; replace a bean to change it.
 */
@NullMarked
package dev.sessionkit.boot;

import org.jspecify.annotations.NullMarked;
