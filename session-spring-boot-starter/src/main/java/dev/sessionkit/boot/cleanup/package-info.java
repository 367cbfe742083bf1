/**
 * The scheduled removal of expired sessions ({@code sessionkit.cleanup.*}): {@link
 * dev.sessionkit.boot.cleanup.SessionCleanup} runs the store's {@code clearExpired()} on a cron
 * schedule for the backends whose records stay until removed, through a {@link
 * dev.sessionkit.boot.cleanup.SessionCleanupLock} so that only one of the instances sharing the
 * sessions (a database table, a directory) cleans at a time. Internal to the starter: public only
 * for the backends' auto-configurations in other packages. Not API; it may change in any release.
 */
@NullMarked
package dev.sessionkit.boot.cleanup;

import org.jspecify.annotations.NullMarked;
