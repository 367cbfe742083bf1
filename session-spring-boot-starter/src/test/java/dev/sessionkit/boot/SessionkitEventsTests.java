package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.event.SessionCreatedEvent;
import dev.sessionkit.boot.event.SessionDeletedEvent;
import dev.sessionkit.boot.event.SessionEventPublisher;
import dev.sessionkit.boot.event.SessionExpiredEvent;
import dev.sessionkit.boot.testing.SessionEventRecorder;
import dev.sessionkit.cache.CacheSessionStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.concurrent.ConcurrentMapCache;

/**
 * Spring application events about sessions reach the application's {@code @EventListener}s, unless
 * {@code sessionkit.events.enabled=false}; an application's own publisher replaces the starter's.
 */
class SessionkitEventsTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SessionkitAutoConfiguration.class))
          .withBean(SessionEventRecorder.class, SessionEventRecorder::new);

  @Test
  void createdAndDeletedSessionsArePublishedToEventListeners() {
    runner.run(
        context -> {
          SessionStore store = context.getBean(SessionStore.class);
          SessionEventRecorder events = context.getBean(SessionEventRecorder.class);

          Session session = store.newSession();
          session.put("k", "v");
          session.save();
          String first = session.getSessionKey();
          session.cycleKey();
          String second = session.getSessionKey();
          session.flush();

          assertThat(events.created()).containsExactly(first, second);
          assertThat(events.deleted()).containsExactly(first, second);
          assertThat(events.events())
              .hasExactlyElementsOfTypes(
                  SessionCreatedEvent.class,
                  SessionCreatedEvent.class,
                  SessionDeletedEvent.class,
                  SessionDeletedEvent.class);
        });
  }

  @Test
  void eventsNameTheStoreButKeepTheSessionKeyOutOfToString() {
    SessionStore store = new CacheSessionStore(new ConcurrentMapCache("sessions"));
    String key = "abcdefghijklmnopqrstuvwxyz012345";

    SessionCreatedEvent created = new SessionCreatedEvent(store, key);
    SessionDeletedEvent deleted = new SessionDeletedEvent(store, key);
    SessionExpiredEvent expired = new SessionExpiredEvent(store, key);

    assertThat(created.getSessionKey()).isEqualTo(key);
    assertThat(created.getSource()).isSameAs(store);
    assertThat(created).hasToString("SessionCreatedEvent[store " + store + "]");
    assertThat(deleted.toString()).doesNotContain(key).startsWith("SessionDeletedEvent[");
    assertThat(expired.toString()).doesNotContain(key).startsWith("SessionExpiredEvent[");
  }

  @Test
  void eventsCanBeSwitchedOff() {
    runner
        .withPropertyValues("sessionkit.events.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(SessionEventPublisher.class);
              Session session = context.getBean(SessionStore.class).newSession();
              session.put("k", "v");
              session.save();
              assertThat(context.getBean(SessionEventRecorder.class).events()).isEmpty();
            });
  }

  @Test
  void applicationsEventPublisherWins() {
    runner
        .withBean(
            "myPublisher",
            SessionEventPublisher.class,
            () ->
                new SessionEventPublisher(
                    event -> {}, new CacheSessionStore(new ConcurrentMapCache("other"))))
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionEventPublisher.class);
              assertThat(context).hasBean("myPublisher");
              Session session = context.getBean(SessionStore.class).newSession();
              session.put("k", "v");
              session.save();
              assertThat(context.getBean(SessionEventRecorder.class).events()).isEmpty();
            });
  }
}
