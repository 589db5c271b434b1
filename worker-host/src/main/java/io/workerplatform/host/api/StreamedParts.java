package io.workerplatform.host.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part from the request's stream, for
 * routes whose file may be far larger than memory: each part's content is an {@link InputStream}
 * that ends at the next boundary, read straight from the socket, nothing spooled. A part not read
 * to its end is skipped by {@link #next()}. Malformed bodies raise {@link BadRequestException}
 * naming {@code Content-Type} or the body.
 */
public final class StreamedParts {
  private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
  private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
  private static final int MAX_HEADER_BYTES = 8 * 1024;
  private static final int BUFFER = 64 * 1024;

  /** A part: its form name, its file name (null for a plain field), its content. */
  public record Part(String name, String fileName, InputStream content) {
    /** A small text field's value, at most {@code maxBytes} bytes of UTF-8. */
    public String text(int maxBytes) throws IOException {
      byte[] bytes = content.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new BadRequestException(name, "must be at most " + maxBytes + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8).strip();
    }
  }

  private final InputStream in;
  /** CRLF, "--", the boundary: what ends a part's content. */
  private final byte[] delimiter;
  private final byte[] buffer;
  private int head;
  private int tail;
  private boolean finished;
  private PartContent current;

  private StreamedParts(InputStream in, byte[] delimiter) {
    this.in = in;
    this.delimiter = delimiter;
    this.buffer = new byte[BUFFER + delimiter.length];
    // the body starts with the first boundary line, which lacks the CRLF before it
    buffer[0] = '\r';
    buffer[1] = '\n';
    tail = 2;
  }

  /** The parts of a body of content type {@code contentType}. */
  public static StreamedParts of(String contentType, InputStream body) {
    Matcher boundary = contentType == null ? null : BOUNDARY.matcher(contentType);
    if (boundary == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !boundary.find()) {
      throw new BadRequestException("Content-Type", "must be multipart/form-data with a boundary");
    }
    String value = boundary.group(2) != null ? boundary.group(2) : boundary.group(3);
    StreamedParts parts = new StreamedParts(body, ("\r\n--" + value).getBytes(StandardCharsets.ISO_8859_1));
    parts.current = parts.new PartContent(); // the preamble before the first boundary
    return parts;
  }

  /** The next part, or null after the last one. */
  public Part next() throws IOException {
    if (finished) {
      return null;
    }
    current.skip();
    // after a boundary: "--" ends the body, CRLF starts a part's headers
    int first = read();
    int second = read();
    if (first == '-' && second == '-') {
      finished = true;
      return null;
    }
    while (first == ' ' || first == '\t') { // transport padding
      first = second;
      second = read();
    }
    if (first != '\r' || second != '\n') {
      throw malformed();
    }
    String headers = headers();
    String disposition = null;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Disposition")) {
        disposition = line.substring(colon + 1);
      }
    }
    Matcher name = disposition == null ? null : NAME.matcher(disposition);
    if (name == null || !name.find()) {
      throw new BadRequestException("body", "a part lacks Content-Disposition: form-data; name=\"...\"");
    }
    Matcher fileName = FILE_NAME.matcher(disposition);
    current = new PartContent();
    return new Part(name.group(1), fileName.find() ? fileName.group(1) : null, current);
  }

  /** A part's header lines, up to the empty line. */
  private String headers() throws IOException {
    byte[] bytes = new byte[MAX_HEADER_BYTES];
    int size = 0;
    while (true) {
      int b = read();
      if (b < 0 || size == MAX_HEADER_BYTES) {
        throw malformed();
      }
      bytes[size++] = (byte) b;
      if (size >= 4 && bytes[size - 4] == '\r' && bytes[size - 3] == '\n' && bytes[size - 2] == '\r' && bytes[size - 1] == '\n') {
        return new String(bytes, 0, size - 4, StandardCharsets.UTF_8);
      }
      if (size == 2 && bytes[0] == '\r' && bytes[1] == '\n') {
        return ""; // no header at all
      }
    }
  }

  private static BadRequestException malformed() {
    return new BadRequestException("body", "is not a well-formed multipart/form-data body");
  }

  private int read() throws IOException {
    if (head == tail && fill() == 0) {
      return -1;
    }
    return buffer[head++] & 0xFF;
  }

  /** Moves what is left to the front and reads more; the number of bytes now buffered. */
  private int fill() throws IOException {
    if (head > 0) {
      System.arraycopy(buffer, head, buffer, 0, tail - head);
      tail -= head;
      head = 0;
    }
    int n = in.read(buffer, tail, buffer.length - tail);
    if (n > 0) {
      tail += n;
    }
    return tail - head;
  }

  /** Where the delimiter starts in the buffered bytes, or -1. */
  private int delimiterAt() {
    outer:
    for (int i = head; i <= tail - delimiter.length; i++) {
      for (int j = 0; j < delimiter.length; j++) {
        if (buffer[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** One part's content: the bytes up to the delimiter, which it consumes at its end. */
  private final class PartContent extends InputStream {
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      while (true) {
        int at = delimiterAt();
        // bytes before a delimiter are content; without one, all but a possible start of it
        int safe = at >= 0 ? at - head : Math.max(0, tail - head - (delimiter.length - 1));
        if (safe > 0) {
          int n = Math.min(safe, length);
          System.arraycopy(buffer, head, into, offset, n);
          head += n;
          return n;
        }
        if (at == head) {
          head += delimiter.length;
          ended = true;
          return -1;
        }
        int before = tail - head;
        if (fill() == before) {
          throw malformed(); // the body ended inside a part
        }
      }
    }

    void skip() throws IOException {
      byte[] sink = new byte[8 * 1024];
      while (read(sink, 0, sink.length) >= 0) {
        // drained
      }
    }
  }
}
