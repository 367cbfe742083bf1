package dev.sessionkit.boot.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a test hold a request in the middle of its handler: the handler calls {@link #arrive()} and
 * waits until the test calls {@link #open()}. A fresh gate per test, through {@link Gates#arm()}.
 */
public final class Gate {

  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);

  /** Called by the handler: signals its arrival, then waits (at most 30 s) for the test. */
  public void arrive() throws InterruptedException {
    arrived.countDown();
    if (!opened.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("The test never opened the gate");
    }
  }

  /** Called by the test: waits (at most 30 s) until the handler has arrived. */
  public void awaitArrival() throws InterruptedException {
    if (!arrived.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("The request never reached the gate");
    }
  }

  /** Called by the test: lets the handler go on. */
  public void open() {
    opened.countDown();
  }
}
