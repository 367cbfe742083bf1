/** Support for storages that keep sessions in a SQL table: connections, failures, batches. */
@NullMarked
package dev.sessionkit.spi.sql;

import org.jspecify.annotations.NullMarked;
