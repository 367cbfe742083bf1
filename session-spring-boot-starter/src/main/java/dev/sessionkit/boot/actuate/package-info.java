/** The {@code sessionkit} actuator endpoint: the backend, and a user's sessions. */
@NullMarked
package dev.sessionkit.boot.actuate;

import org.jspecify.annotations.NullMarked;
