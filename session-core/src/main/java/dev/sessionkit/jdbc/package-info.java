/** The database backend: one row per session in a table, through JDBC. */
@NullMarked
package dev.sessionkit.jdbc;

import org.jspecify.annotations.NullMarked;
