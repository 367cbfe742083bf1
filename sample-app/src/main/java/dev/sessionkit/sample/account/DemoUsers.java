package dev.sessionkit.sample.account;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.stereotype.Component;

/**
 * The demo users: their credentials (shown on the login page so that anyone can try), their display
 * names, and the Spring Security users made of them, with BCrypt-hashed passwords.
 */
@Component
public class DemoUsers {

  /** The users and passwords the login page offers. */
  public static final List<DemoCredentials> CREDENTIALS =
      List.of(
          new DemoCredentials("alice", "wonderland", "Alice"),
          new DemoCredentials("bob", "builder", "Bob"));

  /** The credentials to show on the login page. */
  public List<DemoCredentials> credentials() {
    return CREDENTIALS;
  }

  /** The user with this name, if any. */
  public Optional<DemoUser> find(String username) {
    return CREDENTIALS.stream()
        .filter(credentials -> credentials.username().equals(username))
        .map(credentials -> new DemoUser(credentials.username(), credentials.displayName()))
        .findFirst();
  }

  /**
   * Spring Security's users for the demo credentials, role {@code USER}, their passwords hashed
   * with {@code passwordEncoder}; only the hashes are kept.
   */
  public InMemoryUserDetailsManager userDetailsManager(PasswordEncoder passwordEncoder) {
    List<UserDetails> users =
        CREDENTIALS.stream()
            .map(
                credentials ->
                    User.withUsername(credentials.username())
                        .password(passwordEncoder.encode(credentials.password()))
                        .roles("USER")
                        .build())
            .toList();
    return new InMemoryUserDetailsManager(users);
  }
}
