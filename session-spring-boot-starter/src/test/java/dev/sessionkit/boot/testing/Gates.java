package dev.sessionkit.boot.testing;

import java.util.concurrent.atomic.AtomicReference;

/** The bean through which a test hands the current {@link Gate} to the application. */
public final class Gates {

  private final AtomicReference<Gate> current = new AtomicReference<>(new Gate());

  /** A new gate that the next gated request will stop at. */
  public Gate arm() {
    Gate gate = new Gate();
    current.set(gate);
    return gate;
  }

  Gate current() {
    return current.get();
  }
}
