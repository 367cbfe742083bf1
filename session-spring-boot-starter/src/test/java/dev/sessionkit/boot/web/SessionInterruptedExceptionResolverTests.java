package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionConflictException;
import dev.sessionkit.SessionInterruptedException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring MVC's answers to a session save that other requests made fail are the filter's: 400 for a
 * session deleted while the handler ran, 409 for a save that could not be merged.
 */
class SessionInterruptedExceptionResolverTests {

  private final SessionInterruptedExceptionResolver resolver =
      new SessionInterruptedExceptionResolver();
  private final MockHttpServletRequest request = new MockHttpServletRequest();
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @Test
  void interruptedSessionOnAnUncommittedResponseAnswers400AndReplacesWhatWasThere()
      throws Exception {
    response.setStatus(200);
    response.setHeader("Content-Length", "1048576");
    response.setContentType("application/octet-stream");
    response.getOutputStream().write(new byte[] {1, 2, 3});

    ModelAndView handled =
        resolver.resolveException(
            request, response, null, new SessionInterruptedException("deleted"));

    assertThat(handled).isNotNull();
    assertThat(handled.isEmpty()).isTrue();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).startsWith("text/plain");
    assertThat(response.getHeader("Content-Length")).isNull();
    assertThat(response.getContentAsString()).isEqualTo(SessionFilter.INTERRUPTED_MESSAGE);
  }

  @Test
  void interruptedSessionAsACauseAnswers400() throws Exception {
    Exception wrapped =
        new IllegalStateException(
            "writing the body failed", new SessionInterruptedException("deleted"));

    ModelAndView handled = resolver.resolveException(request, response, null, wrapped);

    assertThat(handled).isNotNull();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString()).isEqualTo(SessionFilter.INTERRUPTED_MESSAGE);
  }

  @Test
  void conflictingSaveOnAnUncommittedResponseAnswers409AndReplacesWhatWasThere() throws Exception {
    response.setStatus(200);
    response.setContentType("application/octet-stream");
    response.getOutputStream().write(new byte[] {1, 2, 3});

    ModelAndView handled =
        resolver.resolveException(
            request, response, null, new SessionConflictException("saved meanwhile"));

    assertThat(handled).isNotNull();
    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(response.getContentType()).startsWith("text/plain");
    assertThat(response.getContentAsString()).isEqualTo(SessionFilter.CONFLICT_MESSAGE);
  }

  @Test
  void conflictingSaveAsACauseAnswers409() throws Exception {
    Exception wrapped =
        new IllegalStateException(
            "writing the body failed", new SessionConflictException("saved meanwhile"));

    ModelAndView handled = resolver.resolveException(request, response, null, wrapped);

    assertThat(handled).isNotNull();
    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(response.getContentAsString()).isEqualTo(SessionFilter.CONFLICT_MESSAGE);
  }

  @Test
  void otherExceptionsAreLeftToTheNextResolver() {
    ModelAndView handled =
        resolver.resolveException(request, response, null, new IllegalStateException("other"));

    assertThat(handled).isNull();
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void committedResponseIsLeftAlone() throws Exception {
    response.getWriter().write("already sent");
    response.flushBuffer();

    ModelAndView handled =
        resolver.resolveException(
            request, response, null, new SessionInterruptedException("deleted"));

    assertThat(handled).isNull();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentAsString()).isEqualTo("already sent");
  }
}
