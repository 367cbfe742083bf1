/**
 * The {@code sessionkit} health indicator: whether the session backend can serve requests now, when
 * Spring Boot's health support is present.
 */
@NullMarked
package dev.sessionkit.boot.health;

import org.jspecify.annotations.NullMarked;
