package dev.sessionkit.boot.event;

import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionStore;
import java.time.Duration;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Turns what a store tells its listeners into Spring application events: {@link
 * SessionCreatedEvent}, {@link SessionDeletedEvent} and {@link SessionExpiredEvent}, each naming
 * the store as its source. The starter registers one with the {@code SessionStore} bean (unless
 * {@code sessionkit.events.enabled=false}); to publish events of a store built by hand:
 *
 * <pre>{@code
 * store.addListener(new SessionEventPublisher(applicationEventPublisher, store));
 * }</pre>
 *
 * <p>Events are published synchronously on the thread that did the operation, so a slow or failing
 * {@code @EventListener} slows that request; a failure is logged by the store and does not fail the
 * request. Use {@code @Async} listeners for slow work.
 */
public final class SessionEventPublisher implements SessionListener {

  private final ApplicationEventPublisher publisher;
  private final SessionStore source;

  /**
   * @param publisher where the events go, usually the application context
   * @param source the store this listener is added to, named as the source of its events
   */
  public SessionEventPublisher(ApplicationEventPublisher publisher, SessionStore source) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public void created(String sessionKey, Duration latency) {
    publisher.publishEvent(new SessionCreatedEvent(source, sessionKey));
  }

  @Override
  public void deleted(String sessionKey, Duration latency) {
    publisher.publishEvent(new SessionDeletedEvent(source, sessionKey));
  }

  @Override
  public void expired(String sessionKey) {
    publisher.publishEvent(new SessionExpiredEvent(source, sessionKey));
  }

  @Override
  public String toString() {
    return "SessionEventPublisher[store " + source + "]";
  }
}
