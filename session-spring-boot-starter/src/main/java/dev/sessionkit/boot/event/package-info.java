/**
 * Spring application events for sessions: {@link dev.sessionkit.boot.event.SessionCreatedEvent},
 * {@link dev.sessionkit.boot.event.SessionDeletedEvent} and {@link
 * dev.sessionkit.boot.event.SessionExpiredEvent}, published by {@link
 * dev.sessionkit.boot.event.SessionEventPublisher} so that application code can listen with
 * {@code @EventListener}.
 */
@NullMarked
package dev.sessionkit.boot.event;

import org.jspecify.annotations.NullMarked;
