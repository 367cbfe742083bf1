package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sessionkit.testing.CapturedLogs;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletRequestAttributes;

class ContainerSessionGuardTests {

  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(ContainerSessionGuard.class);

  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @Test
  void getSessionWhenWarningLogsOneWarningNamingTheCallerAndCreatesTheSession() throws Exception {
    ContainerSessionGuard guard = new ContainerSessionGuard(false);
    FilterChain createsSession = (request, response) -> ((HttpServletRequest) request).getSession();

    MockHttpServletRequest first = new MockHttpServletRequest();
    guard.doFilter(first, response, createsSession);
    guard.doFilter(new MockHttpServletRequest(), response, createsSession);

    assertThat(first.getSession(false)).isNotNull();
    assertThat(logs.records())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.WARNING);
              assertThat(record.getMessage())
                  .startsWith(ContainerSessionGuardTests.class.getName() + " asked the servlet")
                  .contains("sessionkit.container-session=fail");
            });
  }

  @Test
  void getSessionWhenFailingThrowsNamingTheCallerAndCreatesNoSession() {
    ContainerSessionGuard guard = new ContainerSessionGuard(true);
    MockHttpServletRequest request = new MockHttpServletRequest();

    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                guard.doFilter(
                    request, response, (req, res) -> ((HttpServletRequest) req).getSession(true)))
        .withMessageStartingWith(ContainerSessionGuardTests.class.getName())
        .withMessageContaining("sessionkit.container-session=fail forbids container sessions");
    assertThat(request.getSession(false)).isNull();
  }

  @Test
  void getSessionThroughSpringsRequestAttributesNamesTheirCaller() throws Exception {
    ContainerSessionGuard guard = new ContainerSessionGuard(true);

    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                guard.doFilter(
                    new MockHttpServletRequest(),
                    response,
                    (req, res) ->
                        new ServletRequestAttributes((HttpServletRequest) req)
                            .setAttribute("k", "v", RequestAttributes.SCOPE_SESSION)))
        .withMessageStartingWith(ContainerSessionGuardTests.class.getName());
  }

  @Test
  void getSessionFalseAndAnExistingSessionPassWithoutWarning() throws Exception {
    ContainerSessionGuard guard = new ContainerSessionGuard(true);
    MockHttpServletRequest request = new MockHttpServletRequest();

    guard.doFilter(
        request,
        response,
        (req, res) -> assertThat(((HttpServletRequest) req).getSession(false)).isNull());
    request.getSession(true);
    guard.doFilter(
        request,
        response,
        (req, res) -> assertThat(((HttpServletRequest) req).getSession()).isNotNull());

    assertThat(logs.records()).isEmpty();
  }
}
