/** What every page shares (the header's model), and the page that shows the session itself. */
@NullMarked
package dev.sessionkit.sample.web;

import org.jspecify.annotations.NullMarked;
