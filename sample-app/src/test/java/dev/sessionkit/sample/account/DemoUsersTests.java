package dev.sessionkit.sample.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class DemoUsersTests {

  DemoUsers users = new DemoUsers(new BCryptPasswordEncoder(4));

  @Test
  void authenticateWithTheRightPasswordFindsTheUser() {
    assertThat(users.authenticate("alice", "wonderland"))
        .hasValueSatisfying(user -> assertThat(user.displayName()).isEqualTo("Alice"));
  }

  @Test
  void authenticateWithAWrongPasswordFindsNobody() {
    assertThat(users.authenticate("alice", "builder")).isEmpty();
  }

  @Test
  void authenticateWithAnUnknownUserFindsNobody() {
    assertThat(users.authenticate("mallory", "wonderland")).isEmpty();
  }

  @Test
  void passwordsAreKeptOnlyAsBcryptHashes() {
    DemoUser alice = users.find("alice").orElseThrow();

    assertThat(alice.passwordHash()).startsWith("$2a$").doesNotContain("wonderland");
    assertThat(alice.toString()).doesNotContain(alice.passwordHash());
  }

  @Test
  void everyCredentialShownOnTheLoginPageWorks() {
    assertThat(users.credentials())
        .allSatisfy(
            credentials ->
                assertThat(users.authenticate(credentials.username(), credentials.password()))
                    .isPresent());
  }
}
