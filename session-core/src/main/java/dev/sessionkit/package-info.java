/**
 * The session contract: {@link dev.sessionkit.SessionStore} (one per backend) opens and creates
 * {@link dev.sessionkit.Session}s, small per-visitor dictionaries kept on the server under a random
 * key. Keys, expiry and the data codec live here too; backends live in sub-packages.
 */
@NullMarked
package dev.sessionkit;

import org.jspecify.annotations.NullMarked;
