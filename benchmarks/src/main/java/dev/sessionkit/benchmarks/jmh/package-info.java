/**
 * JMH benchmarks: the codec against bare Jackson, {@code Session} operations, and each backend's
 * load and save against its real server. Run with {@code benchmarks/run-jmh.sh}.
 */
@NullMarked
package dev.sessionkit.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
