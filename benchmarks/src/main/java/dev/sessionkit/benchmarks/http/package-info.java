/** The HTTP benchmark's application: one Boot app per session stack, chosen by profile. */
@NullMarked
package dev.sessionkit.benchmarks.http;

import org.jspecify.annotations.NullMarked;
