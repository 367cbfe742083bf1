/**
 * The soak: a bounded load on one benchmark app with exact accounting of {@code compute} updates.
 * Run with {@code benchmarks/run-soak.sh}.
 */
@NullMarked
package dev.sessionkit.benchmarks.soak;

import org.jspecify.annotations.NullMarked;
