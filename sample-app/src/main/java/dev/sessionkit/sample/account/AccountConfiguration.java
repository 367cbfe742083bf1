package dev.sessionkit.sample.account;

import dev.sessionkit.boot.SessionkitProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Spring Security as a Spring Boot application usually configures it: form login, remember-me,
 * logout, and CSRF protection (on by default). Nothing here mentions sessionkit: the starter makes
 * Spring Security keep the login, the CSRF token and the page asked for before the login in the
 * sessionkit {@code Session}, so the shop has one session, {@code sessionid}, and never a {@code
 * JSESSIONID}.
 */
@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

  /** Hashes and checks passwords. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  /** The demo users, for Spring Security's login and remember-me. */
  @Bean
  InMemoryUserDetailsManager userDetailsManager(DemoUsers users, PasswordEncoder passwordEncoder) {
    return users.userDetailsManager(passwordEncoder);
  }

  /**
   * Who may see what, and how visitors log in and out. "Your account" and "Your devices" need a
   * login; everything else is open. Remember-me keeps its own cookie for {@code
   * sessionkit.max-age}, signed with {@code sample.remember-me-key}.
   */
  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      SessionkitProperties sessionkit,
      @Value("${sample.remember-me-key}") String rememberMeKey) {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/account", "/account/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .formLogin(form -> form.loginPage("/login").failureHandler(loginFailureHandler()))
        .rememberMe(
            rememberMe ->
                rememberMe
                    .key(rememberMeKey)
                    .tokenValiditySeconds((int) sessionkit.getMaxAge().toSeconds()))
        .logout(logout -> logout.logoutSuccessUrl("/logged-out"))
        .build();
  }

  /**
   * Back to the login page with {@code ?error}. Spring Security's default failure handler would
   * also put the exception into a servlet container session, which this shop never creates.
   */
  private static SimpleUrlAuthenticationFailureHandler loginFailureHandler() {
    SimpleUrlAuthenticationFailureHandler handler =
        new SimpleUrlAuthenticationFailureHandler("/login?error");
    handler.setAllowSessionCreation(false);
    return handler;
  }
}
