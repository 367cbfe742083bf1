package dev.sessionkit.boot.security;

import static org.springframework.security.config.Customizer.withDefaults;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * An application configured the usual way, with nothing about sessionkit: a security filter chain
 * with form login, remember-me, logout and the default CSRF protection, one user, and a few pages.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSecurity
@Import(SecurityTestApplication.Pages.class)
class SecurityTestApplication {

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http) {
    return http.authorizeHttpRequests(
            requests -> requests.requestMatchers("/").permitAll().anyRequest().authenticated())
        .formLogin(withDefaults())
        .rememberMe(rememberMe -> rememberMe.key("test-remember-me-key"))
        .logout(withDefaults())
        .build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("alice").password("{noop}wonderland").roles("USER").build());
  }

  @Controller
  static class Pages {

    @GetMapping("/")
    @ResponseBody
    String home() {
      return "home";
    }

    @GetMapping("/account")
    @ResponseBody
    String account(Principal principal) {
      return "account of " + principal.getName();
    }

    /** The page's form token, as a form would carry it (masked). */
    @GetMapping("/notes/form")
    @ResponseBody
    String form(CsrfToken token) {
      return token.getToken();
    }

    @PostMapping("/notes")
    String addNote(@RequestParam String text, RedirectAttributes redirect) {
      redirect.addFlashAttribute("message", "Saved " + text);
      return "redirect:/notes";
    }

    @GetMapping("/notes")
    @ResponseBody
    String notes(HttpServletRequest request) {
      Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
      return flash == null ? "no message" : String.valueOf(flash.get("message"));
    }
  }
}
