package dev.sessionkit.sample.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo users. Their passwords are hashed with the application's {@link PasswordEncoder}
 * (BCrypt) when the application starts; only the hashes are kept for checking logins.
 */
@Component
public class DemoUsers {

  /** The users and passwords the login page offers. */
  public static final List<DemoCredentials> CREDENTIALS =
      List.of(
          new DemoCredentials("alice", "wonderland", "Alice"),
          new DemoCredentials("bob", "builder", "Bob"));

  private final PasswordEncoder passwordEncoder;
  private final Map<String, DemoUser> users;
  private final String unknownUserHash;

  /** The demo users, their passwords hashed with {@code passwordEncoder}. */
  public DemoUsers(PasswordEncoder passwordEncoder) {
    this.passwordEncoder = passwordEncoder;
    this.users =
        CREDENTIALS.stream()
            .map(
                credentials ->
                    new DemoUser(
                        credentials.username(),
                        credentials.displayName(),
                        passwordEncoder.encode(credentials.password())))
            .collect(Collectors.toUnmodifiableMap(DemoUser::username, Function.identity()));
    this.unknownUserHash = passwordEncoder.encode(UUID.randomUUID().toString());
  }

  /** The credentials to show on the login page. */
  public List<DemoCredentials> credentials() {
    return CREDENTIALS;
  }

  /** The user with this name, if any. */
  public Optional<DemoUser> find(String username) {
    return Optional.ofNullable(users.get(username));
  }

  /**
   * The user whose name and password these are, if any. An unknown name costs as much time as a
   * wrong password, so response times do not tell which names exist.
   */
  public Optional<DemoUser> authenticate(String username, String password) {
    DemoUser user = users.get(username);
    String hash = user == null ? unknownUserHash : user.passwordHash();
    boolean matches = passwordEncoder.matches(password, hash);
    return user != null && matches ? Optional.of(user) : Optional.empty();
  }
}
