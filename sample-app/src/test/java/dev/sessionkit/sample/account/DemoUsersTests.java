package dev.sessionkit.sample.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

class DemoUsersTests {

  private final DemoUsers users = new DemoUsers();
  private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
  private final InMemoryUserDetailsManager manager = users.userDetailsManager(encoder);

  @Test
  void everyCredentialShownOnTheLoginPageIsAUserWithABcryptHashOfItsPassword() {
    assertThat(users.credentials())
        .allSatisfy(
            credentials -> {
              UserDetails user = manager.loadUserByUsername(credentials.username());
              assertThat(user.getPassword())
                  .startsWith("$2a$")
                  .doesNotContain(credentials.password());
              assertThat(encoder.matches(credentials.password(), user.getPassword())).isTrue();
              assertThat(user.getAuthorities())
                  .extracting("authority")
                  .containsExactly("ROLE_USER");
            });
  }

  @Test
  void aWrongPasswordDoesNotMatch() {
    assertThat(encoder.matches("builder", manager.loadUserByUsername("alice").getPassword()))
        .isFalse();
  }

  @Test
  void findGivesTheDisplayNameOfAKnownUserOnly() {
    assertThat(users.find("alice")).hasValue(new DemoUser("alice", "Alice"));
    assertThat(users.find("mallory")).isEmpty();
  }
}
