/**
 * Database runs that are not JMH's kind of benchmark (a steady operation timed many times), but a
 * scenario timed once: cleanup of expired rows while loads and saves go on ({@link
 * CleanupUnderLoad}), and how load latency and cleanup time grow with the table ({@link
 * StoreGrowth}). Each is a {@code main} run by {@code benchmarks/run-db.sh}, in a schema (or
 * database) of its own that it drops first.
 */
@NullMarked
package dev.sessionkit.benchmarks.db;

import org.jspecify.annotations.NullMarked;
