package dev.sessionkit.sample.account;

import dev.sessionkit.boot.SessionkitProperties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.rememberme.InMemoryTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

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
   * Where remember-me logins are kept: the {@code persistent_logins} table of the application's
   * database (created at startup by {@code remember-me-schema.sql}) when it has one, else this
   * instance's memory (the file, cache, redis and cookies profiles: a restart forgets them, and the
   * visitor logs in again). Being a bean, it is wrapped by the sessionkit starter, so that "Sign
   * out other devices" also ends the other devices' remember-me logins.
   */
  @Bean
  PersistentTokenRepository rememberMeTokens(ObjectProvider<DataSource> dataSource) {
    DataSource database = dataSource.getIfAvailable();
    if (database == null) {
      return new InMemoryTokenRepositoryImpl();
    }
    JdbcTokenRepositoryImpl tokens = new JdbcTokenRepositoryImpl();
    tokens.setDataSource(database);
    return tokens;
  }

  /**
   * Who may see what, and how visitors log in and out. "Your account" and "Your devices" need a
   * login; everything else is open. Remember-me keeps its own cookie for {@code
   * sessionkit.max-age}: a persistent token (a series and a token value, checked against {@code
   * rememberMeTokens} and changed at every use), so that signing a device out ends its remember-me
   * login too. The key ({@code sample.remember-me-key}) marks the logins it makes.
   */
  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      SessionkitProperties sessionkit,
      PersistentTokenRepository rememberMeTokens,
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
                    .tokenRepository(rememberMeTokens)
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
