/** The file backend: one file per session in a directory. */
@NullMarked
package dev.sessionkit.file;

import org.jspecify.annotations.NullMarked;
