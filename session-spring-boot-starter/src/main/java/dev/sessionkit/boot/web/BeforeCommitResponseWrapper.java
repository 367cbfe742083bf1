package dev.sessionkit.boot.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A response that calls a hook once, just before it could be committed, with the status it will be
 * committed with.
 *
 * <p>Design. The session cookie is a header, so it must be added before the container sends the
 * headers. Hooking {@code flushBuffer}, {@code sendRedirect} and {@code sendError} is not enough:
 * the container also commits on its own once the declared {@code Content-Length} has been written
 * (Spring MVC declares it through {@code setHeader}/{@code addHeader}, not {@code
 * setContentLength}) and once a full buffer has been written; and a stream's {@code flush()}
 * commits too. This wrapper therefore tracks the content length from every header setter and counts
 * the bytes written through its stream and writer (characters counted as the bytes they encode to),
 * and calls the hook <em>before</em> passing on the call that would commit, as Spring Session's
 * {@code OnCommittedResponseWrapper} does. The hook runs at most once; if it throws, the call that
 * triggered it is not passed on. The filter calls {@link #beforeCommit()} itself when the chain
 * returns, for responses that nothing committed early.
 *
 * <p>Not thread-safe, like the response it wraps.
 */
final class BeforeCommitResponseWrapper extends HttpServletResponseWrapper {

  private static final String CONTENT_LENGTH = "Content-Length";

  private final IntConsumer hook;
  private boolean hookCalled;
  private long contentLength = -1;
  private long written;
  private @Nullable ServletOutputStream outputStream;
  private @Nullable PrintWriter writer;

  /**
   * @param hook called once before the response is committed, with the status it is committed with
   */
  BeforeCommitResponseWrapper(HttpServletResponse response, IntConsumer hook) {
    super(response);
    this.hook = hook;
  }

  /** Calls the hook with the current status unless it ran already. */
  void beforeCommit() {
    beforeCommit(getStatus());
  }

  private void beforeCommit(int status) {
    if (!hookCalled) {
      hookCalled = true;
      hook.accept(status);
    }
  }

  // ---- calls that commit -------------------------------------------------------------------

  @Override
  public void flushBuffer() throws IOException {
    beforeCommit();
    super.flushBuffer();
  }

  @Override
  public void sendError(int status) throws IOException {
    beforeCommit(status);
    super.sendError(status);
  }

  @Override
  public void sendError(int status, String message) throws IOException {
    beforeCommit(status);
    super.sendError(status, message);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    beforeCommit(HttpServletResponse.SC_FOUND);
    super.sendRedirect(location);
  }

  @Override
  public void sendRedirect(String location, boolean clearBuffer) throws IOException {
    beforeCommit(HttpServletResponse.SC_FOUND);
    super.sendRedirect(location, clearBuffer);
  }

  @Override
  public void sendRedirect(String location, int status) throws IOException {
    beforeCommit(status);
    super.sendRedirect(location, status);
  }

  @Override
  public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
    beforeCommit(status);
    super.sendRedirect(location, status, clearBuffer);
  }

  // ---- content length ----------------------------------------------------------------------

  @Override
  public void setContentLength(int length) {
    contentLength = length;
    super.setContentLength(length);
  }

  @Override
  public void setContentLengthLong(long length) {
    contentLength = length;
    super.setContentLengthLong(length);
  }

  @Override
  public void setHeader(String name, @Nullable String value) {
    trackContentLength(name, value);
    super.setHeader(name, value);
  }

  @Override
  public void addHeader(String name, @Nullable String value) {
    trackContentLength(name, value);
    super.addHeader(name, value);
  }

  @Override
  public void setIntHeader(String name, int value) {
    trackContentLength(name, Integer.toString(value));
    super.setIntHeader(name, value);
  }

  @Override
  public void addIntHeader(String name, int value) {
    trackContentLength(name, Integer.toString(value));
    super.addIntHeader(name, value);
  }

  private void trackContentLength(String name, @Nullable String value) {
    if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
      try {
        contentLength = value == null ? -1 : Long.parseLong(value.trim());
      } catch (NumberFormatException ex) {
        contentLength = -1;
      }
    }
  }

  @Override
  public void reset() {
    super.reset();
    contentLength = -1;
    written = 0;
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    written = 0;
  }

  // ---- body --------------------------------------------------------------------------------

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    ServletOutputStream stream = outputStream;
    if (stream == null) {
      stream = new CountingOutputStream(super.getOutputStream());
      outputStream = stream;
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    PrintWriter current = writer;
    if (current == null) {
      current = new PrintWriter(new CountingWriter(super.getWriter(), charset()));
      writer = current;
    }
    return current;
  }

  private Charset charset() {
    String encoding = getCharacterEncoding();
    try {
      return encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
    } catch (RuntimeException ex) {
      return StandardCharsets.UTF_8;
    }
  }

  /** Counts {@code bytes} about to be written and calls the hook if they could commit. */
  private void beforeWrite(long bytes) {
    if (hookCalled) {
      return;
    }
    written += bytes;
    int bufferSize = getBufferSize();
    if ((contentLength > 0 && written >= contentLength)
        || (bufferSize > 0 && written >= bufferSize)) {
      beforeCommit();
    }
  }

  /** The response's stream, counting the bytes written through it. */
  private final class CountingOutputStream extends ServletOutputStream {

    private final ServletOutputStream delegate;

    CountingOutputStream(ServletOutputStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(int b) throws IOException {
      beforeWrite(1);
      delegate.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      beforeWrite(length);
      delegate.write(bytes, offset, length);
    }

    @Override
    public void write(ByteBuffer buffer) throws IOException {
      beforeWrite(buffer.remaining());
      delegate.write(buffer);
    }

    @Override
    public void flush() throws IOException {
      beforeCommit();
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      beforeCommit();
      delegate.close();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      delegate.setWriteListener(listener);
    }
  }

  /**
   * The response's writer, counting characters as the bytes they encode to: exactly for UTF-8, at
   * the charset's maximum bytes per character otherwise (early rather than late).
   */
  private final class CountingWriter extends Writer {

    private final PrintWriter delegate;
    private final boolean utf8;
    private final int maxBytesPerChar;

    CountingWriter(PrintWriter delegate, Charset charset) {
      this.delegate = delegate;
      this.utf8 = StandardCharsets.UTF_8.equals(charset);
      this.maxBytesPerChar =
          charset.canEncode() ? (int) Math.ceil(charset.newEncoder().maxBytesPerChar()) : 4;
    }

    @Override
    public void write(int c) throws IOException {
      beforeWrite(utf8 ? utf8Length((char) c) : maxBytesPerChar);
      delegate.write(c);
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      beforeWrite(bytes(chars, offset, length));
      delegate.write(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      beforeWrite(bytes(text, offset, length));
      delegate.write(text, offset, length);
    }

    @Override
    public void flush() throws IOException {
      beforeCommit();
      delegate.flush();
      if (delegate.checkError()) {
        throw new IOException("The response writer failed (the client may have gone away)");
      }
    }

    @Override
    public void close() {
      beforeCommit();
      delegate.close();
    }

    private long bytes(char[] chars, int offset, int length) {
      if (!utf8) {
        return (long) length * maxBytesPerChar;
      }
      long bytes = 0;
      for (int i = offset; i < offset + length; i++) {
        bytes += utf8Length(chars[i]);
      }
      return bytes;
    }

    private long bytes(String text, int offset, int length) {
      if (!utf8) {
        return (long) length * maxBytesPerChar;
      }
      long bytes = 0;
      for (int i = offset; i < offset + length; i++) {
        bytes += utf8Length(text.charAt(i));
      }
      return bytes;
    }

    /** UTF-8 bytes of one char; each half of a surrogate pair counts two (four per pair). */
    private static int utf8Length(char c) {
      if (c < 0x80) {
        return 1;
      }
      if (c < 0x800 || Character.isSurrogate(c)) {
        return 2;
      }
      return 3;
    }
  }
}
