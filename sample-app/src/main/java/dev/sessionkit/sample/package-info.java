/**
 * The sessionkit sample application: a small shop on Spring Security whose cart, login and form
 * tokens live in a sessionkit {@link dev.sessionkit.Session}.
 */
@NullMarked
package dev.sessionkit.sample;

import org.jspecify.annotations.NullMarked;
