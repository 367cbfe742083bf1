package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that a stateless filter authenticates without saving its security context (a token
 * filter, HTTP Basic) stays stateless with sessionkit, as in a plain Spring Security application:
 * no session is created, and no cookie that would authenticate later requests on its own.
 */
@SpringBootTest(
    classes = StatelessAuthenticationWebTests.App.class,
    properties = "sessionkit.backend=cache")
@AutoConfigureMockMvc
class StatelessAuthenticationWebTests {

  @Autowired MockMvc mvc;

  @Test
  void requestAuthenticatedByATokenFilterGetsNoSessionCookie() throws Exception {
    MvcResult result = mvc.perform(get("/account").header("X-Token", "valid-token")).andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    assertThat(result.getResponse().getContentAsString()).isEqualTo("account of alice");
    assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
  }

  @Test
  void requestAuthenticatedWithHttpBasicGetsNoSessionCookie() throws Exception {
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("bob:password".getBytes(StandardCharsets.UTF_8));

    MvcResult result =
        mvc.perform(get("/account").header(HttpHeaders.AUTHORIZATION, basic)).andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    assertThat(result.getResponse().getContentAsString()).isEqualTo("account of bob");
    assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
  }

  /** Authenticates a request that carries the token, as many APIs do, and saves nothing. */
  static final class TokenFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if ("valid-token".equals(request.getHeader("X-Token"))) {
        SecurityContextHolder.getContext()
            .setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(
                    "alice", null, AuthorityUtils.createAuthorityList("ROLE_USER")));
      }
      chain.doFilter(request, response);
    }
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @EnableWebSecurity
  @Import(Pages.class)
  static class App {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .addFilterBefore(new TokenFilter(), UsernamePasswordAuthenticationFilter.class)
          .httpBasic(withDefaults())
          .csrf(csrf -> csrf.disable())
          .build();
    }

    @Bean
    UserDetailsService users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("bob").password("{noop}password").roles("USER").build());
    }
  }

  @RestController
  static class Pages {

    @GetMapping("/account")
    String account(Principal principal) {
      return "account of " + principal.getName();
    }
  }
}
