package dev.sessionkit.boot.event;

import dev.sessionkit.SessionStore;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/**
 * Something happened to one session of a {@link SessionStore} (the event's source). Listen to the
 * subclasses with {@code @EventListener}; they are published on the thread that did the operation,
 * after it succeeded.
 *
 * <p>The session key is a secret: whoever knows it is logged in as that visitor. Use it to look
 * things up, never log it or send it anywhere; {@link #toString()} leaves it out.
 */
public abstract class SessionEvent extends ApplicationEvent {

  private final String sessionKey;

  SessionEvent(SessionStore source, String sessionKey) {
    super(source);
    this.sessionKey = Objects.requireNonNull(sessionKey, "sessionKey");
  }

  /** The store the session belongs to. */
  @Override
  public SessionStore getSource() {
    return (SessionStore) super.getSource();
  }

  /** The session's key: a secret, never to be logged. */
  public String getSessionKey() {
    return sessionKey;
  }

  /** The event's type and store, without the session key. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[store " + getSource() + "]";
  }
}
