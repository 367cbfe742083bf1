package dev.sessionkit.boot;

/**
 * The {@code sessionkit.*} properties ask for something the application does not have, such as the
 * database backend without a {@code DataSource}. Thrown while the session store is created, so the
 * application stops before it serves a request; {@link SessionkitFailureAnalyzer} turns it into
 * Boot's failure report.
 */
public class SessionkitConfigurationException extends RuntimeException {

  private final String action;

  /**
   * @param description what is wrong, as facts (shown as Boot's "Description")
   * @param action what to do about it, naming the property (shown as Boot's "Action")
   */
  public SessionkitConfigurationException(String description, String action) {
    super(description);
    this.action = action;
  }

  /** What to do about it, naming the property to change. */
  public String getAction() {
    return action;
  }
}
