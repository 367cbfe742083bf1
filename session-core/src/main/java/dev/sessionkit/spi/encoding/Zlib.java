package dev.sessionkit.spi.encoding;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib compression for signed session formats, with decompression bounded: a signed payload may
 * still be a zip bomb (the signer's key may leak), so inflating stops at a limit.
 */
public final class Zlib {

  private Zlib() {}

  /** {@code input} compressed at {@code level} ({@link Deflater#BEST_COMPRESSION}, ...). */
  public static byte[] deflate(byte[] input, int level) {
    Deflater deflater = new Deflater(level);
    try {
      deflater.setInput(input);
      deflater.finish();
      ByteArrayOutputStream output = new ByteArrayOutputStream(input.length / 2 + 64);
      byte[] buffer = new byte[4096];
      while (!deflater.finished()) {
        output.write(buffer, 0, deflater.deflate(buffer));
      }
      return output.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * {@code input} decompressed.
   *
   * @throws DataFormatException when it is not zlib data, is truncated, or would decompress to more
   *     than {@code maxBytes}; the message says which
   */
  public static byte[] inflate(byte[] input, int maxBytes) throws DataFormatException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(input);
      ByteArrayOutputStream output = new ByteArrayOutputStream(input.length * 4);
      byte[] buffer = new byte[4096];
      while (!inflater.finished()) {
        int inflated = inflater.inflate(buffer);
        if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataFormatException("truncated zlib data");
        }
        output.write(buffer, 0, inflated);
        if (output.size() > maxBytes) {
          throw new DataFormatException("decompresses to more than " + maxBytes + " bytes");
        }
      }
      return output.toByteArray();
    } finally {
      inflater.end();
    }
  }
}
