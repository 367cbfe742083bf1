/**
 * Micrometer meters for the session store ({@code sessionkit.session.*}, tagged with the backend),
 * when the application has a {@code MeterRegistry}.
 */
@NullMarked
package dev.sessionkit.boot.metrics;

import org.jspecify.annotations.NullMarked;
