package dev.sessionkit.sample.account;

/**
 * A user who can log in.
 *
 * @param username what the visitor types
 * @param displayName what the pages call them
 * @param passwordHash the password, hashed by the application's password encoder
 */
public record DemoUser(String username, String displayName, String passwordHash) {

  /** Leaves the hash out, so that it never reaches a log. */
  @Override
  public String toString() {
    return "DemoUser[" + username + "]";
  }
}
