package dev.sessionkit.boot.security;

import static org.springframework.security.config.Customizer.withDefaults;

import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import java.security.Principal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.rememberme.InMemoryTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Form login and remember-me, persistent tokens in a {@link PersistentTokenRepository} bean ({@code
 * test.remember-me=persistent}, the default) or the hash-based cookie ({@code
 * test.remember-me=hash}), and "sign out my other devices" on {@code POST /sign-out-others} (every
 * device, this one too, on {@code POST /sign-out-all}). CSRF protection is off: the tests are about
 * remember-me.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSecurity
@Import(RememberMeTestApplication.Pages.class)
class RememberMeTestApplication {

  @Bean
  @ConditionalOnProperty(
      name = "test.remember-me",
      havingValue = "persistent",
      matchIfMissing = true)
  PersistentTokenRepository tokenRepository() {
    return new InMemoryTokenRepositoryImpl();
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http, ObjectProvider<PersistentTokenRepository> tokenRepository) {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .formLogin(withDefaults())
        .rememberMe(
            rememberMe -> {
              rememberMe.key("test-remember-me-key");
              tokenRepository.ifAvailable(rememberMe::tokenRepository);
            })
        .logout(withDefaults())
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("alice").password("{noop}wonderland").roles("USER").build());
  }

  @RestController
  static class Pages {

    private final SessionStore store;

    Pages(SessionStore store) {
      this.store = store;
    }

    @GetMapping("/account")
    String account(Principal principal) {
      return "account of " + principal.getName();
    }

    @PostMapping("/sign-out-others")
    String signOutOthers(Principal principal, Session session) {
      return "signed out "
          + ((PrincipalSessions) store).revokeOthers(principal.getName(), session.getSessionKey());
    }

    @PostMapping("/sign-out-all")
    String signOutAll(Principal principal) {
      return "signed out " + ((PrincipalSessions) store).revokeOthers(principal.getName(), null);
    }
  }
}
