/** Micrometer Observations (metrics and traces) of the session store's storage calls. */
@NullMarked
package dev.sessionkit.boot.observation;

import org.jspecify.annotations.NullMarked;
