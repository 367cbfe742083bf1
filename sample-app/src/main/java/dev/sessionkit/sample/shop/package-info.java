/** The catalogue and the cart, which is kept in the visitor's session. */
@NullMarked
package dev.sessionkit.sample.shop;

import org.jspecify.annotations.NullMarked;
