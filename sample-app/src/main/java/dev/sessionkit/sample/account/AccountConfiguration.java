package dev.sessionkit.sample.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password encoder: BCrypt from spring-security-crypto, without the rest of Spring Security.
 */
@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

  /** Hashes and checks passwords. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }
}
