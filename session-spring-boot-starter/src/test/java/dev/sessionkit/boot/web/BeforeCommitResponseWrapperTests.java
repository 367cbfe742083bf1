package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every way a servlet response can be committed calls the hook first, exactly once. */
class BeforeCommitResponseWrapperTests {

  private final MockHttpServletResponse response = new MockHttpServletResponse();
  private final List<Integer> calls = new ArrayList<>();
  private final BeforeCommitResponseWrapper wrapper =
      new BeforeCommitResponseWrapper(
          response,
          status -> {
            assertThat(response.isCommitted()).as("committed before the hook").isFalse();
            calls.add(status);
          });

  @Test
  void flushBufferCallsTheHookFirst() throws IOException {
    wrapper.flushBuffer();

    assertThat(calls).containsExactly(200);
    assertThat(response.isCommitted()).isTrue();
  }

  @Test
  void sendErrorCallsTheHookWithTheErrorStatus() throws IOException {
    wrapper.sendError(503);

    assertThat(calls).containsExactly(503);
  }

  @Test
  void sendErrorWithMessageCallsTheHookWithTheErrorStatus() throws IOException {
    wrapper.sendError(404, "gone");

    assertThat(calls).containsExactly(404);
  }

  @Test
  void sendRedirectCallsTheHookWith302() throws IOException {
    wrapper.sendRedirect("/next");

    assertThat(calls).containsExactly(302);
  }

  @Test
  void sendRedirectWithStatusCallsTheHookWithThatStatus() throws IOException {
    wrapper.sendRedirect("/next", 303);

    assertThat(calls).containsExactly(303);
  }

  @Test
  void streamFlushCallsTheHook() throws IOException {
    wrapper.getOutputStream().write(1);
    assertThat(calls).isEmpty();

    wrapper.getOutputStream().flush();

    assertThat(calls).containsExactly(200);
  }

  @Test
  void writerFlushCallsTheHook() throws IOException {
    wrapper.getWriter().print("x");
    assertThat(calls).isEmpty();

    wrapper.getWriter().flush();

    assertThat(calls).containsExactly(200);
  }

  @Test
  void writerCheckErrorCallsTheHook() throws IOException {
    PrintWriter writer = wrapper.getWriter();

    assertThat(writer.checkError()).isFalse();

    assertThat(calls).containsExactly(200);
  }

  @Test
  void closingTheStreamCallsTheHook() throws IOException {
    wrapper.getOutputStream().close();

    assertThat(calls).containsExactly(200);
  }

  @Test
  void contentLengthReachedBySetContentLengthCallsTheHookBeforeTheLastByte() throws IOException {
    wrapper.setContentLength(3);
    wrapper.getOutputStream().write(new byte[2]);
    assertThat(calls).isEmpty();

    wrapper.getOutputStream().write(7);

    assertThat(calls).containsExactly(200);
    assertThat(response.getContentAsByteArray()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"setContentLengthLong", "setHeader", "addHeader", "setIntHeader", "addIntHeader"})
  void contentLengthFromEveryHeaderSetterIsTracked(String setter) throws IOException {
    switch (setter) {
      case "setContentLengthLong" -> wrapper.setContentLengthLong(4);
      case "setHeader" -> wrapper.setHeader("Content-Length", "4");
      case "addHeader" -> wrapper.addHeader("content-length", "4");
      case "setIntHeader" -> wrapper.setIntHeader("Content-Length", 4);
      default -> wrapper.addIntHeader("CONTENT-LENGTH", 4);
    }
    wrapper.getOutputStream().write(new byte[3]);
    assertThat(calls).isEmpty();

    wrapper.getOutputStream().write(new byte[1]);

    assertThat(calls).containsExactly(200);
  }

  @Test
  void fullBufferCallsTheHook() throws IOException {
    response.setBufferSize(100);
    wrapper.getOutputStream().write(new byte[99]);
    assertThat(calls).isEmpty();

    wrapper.getOutputStream().write(new byte[1]);

    assertThat(calls).containsExactly(200);
  }

  @Test
  void writerCountsUtf8BytesNotCharacters() throws IOException {
    response.setBufferSize(100);
    response.setCharacterEncoding("UTF-8");
    PrintWriter writer = wrapper.getWriter();
    writer.print("\u00e9".repeat(49)); // 98 bytes
    assertThat(calls).isEmpty();

    writer.print("\u00e9"); // 100 bytes

    assertThat(calls).containsExactly(200);
  }

  @Test
  void writerCountsLineSeparators() throws IOException {
    response.setBufferSize(10);
    PrintWriter writer = wrapper.getWriter();
    for (int i = 0; i < 10 && calls.isEmpty(); i++) {
      writer.println();
    }

    assertThat(calls).containsExactly(200);
  }

  @Test
  void theHookRunsOnlyOnce() throws IOException {
    wrapper.flushBuffer();
    wrapper.getOutputStream().flush();
    wrapper.beforeCommit();

    assertThat(calls).containsExactly(200);
  }

  @Test
  void whenTheHookFailsTheCallIsNotPassedOn() {
    BeforeCommitResponseWrapper failing =
        new BeforeCommitResponseWrapper(
            response,
            status -> {
              throw new IllegalStateException("cannot save");
            });

    assertThatIllegalStateException().isThrownBy(failing::flushBuffer).withMessage("cannot save");
    assertThat(response.isCommitted()).isFalse();
  }

  @Test
  void resetForgetsWhatWasWritten() throws IOException {
    response.setBufferSize(10);
    wrapper.getOutputStream().write(new byte[9]);
    wrapper.resetBuffer();
    wrapper.getOutputStream().write(new byte[9]);

    assertThat(calls).isEmpty();
  }
}
