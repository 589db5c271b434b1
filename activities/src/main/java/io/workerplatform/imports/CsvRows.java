package io.workerplatform.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CSV (RFC 4180: commas, double quotes, quotes doubled inside them, CRLF or LF) from a byte
 * stream, one row at a time, knowing the exact byte offset where the next row starts: an import
 * resumes a file from the offset its last committed batch stored. UTF-8 is split safely on bytes,
 * since quotes, commas and line ends are ASCII and never occur inside a multi-byte character. A
 * leading byte-order mark is skipped.
 */
public final class CsvRows {
  /** A row: its line number in the file (the header is line 1), its fields, or why it is unreadable. */
  public record Row(int line, List<String> fields, String problem) {}

  /** A field longer than this is a row problem, not a memory problem. */
  public static final int MAX_FIELD_BYTES = 64 * 1024;
  /** More fields than this in a row: a row problem. */
  public static final int MAX_FIELDS = 200;

  private final InputStream in;
  private long offset;
  private int line;
  private int peeked = -2;

  /** Reads from {@code in}, positioned at byte {@code offset} of the file, whose next row is line {@code line}. */
  public CsvRows(InputStream in, long offset, int line) {
    this.in = in.markSupported() ? in : new BufferedInputStream(in);
    this.offset = offset;
    this.line = line;
  }

  /** The offset where the next row starts. */
  public long offset() {
    return offset;
  }

  /** The line number of the next row. */
  public int line() {
    return line;
  }

  /** The next row, or null at the end of the file. A row spanning several lines (a quoted line end) counts them all. */
  public Row next() {
    try {
      if (offset == 0 && peeked == -2 && skipBom()) {
        offset = 3;
      }
      if (peek() < 0) {
        return null;
      }
      int rowLine = line;
      List<String> fields = new ArrayList<>();
      FieldBytes field = new FieldBytes();
      String problem = null;
      boolean quoted = false;
      boolean fieldStart = true;
      while (true) {
        int b = read();
        if (b < 0) {
          if (quoted) {
            problem = "a quoted field is not closed before the end of the file";
          }
          fields.add(field.text());
          break;
        }
        if (quoted) {
          if (b == '"') {
            if (peek() == '"') {
              read();
              field.add('"');
            } else {
              quoted = false;
            }
          } else {
            if (b == '\n') {
              line++;
            }
            field.add(b);
          }
          continue;
        }
        if (b == '"' && fieldStart) {
          quoted = true;
          fieldStart = false;
          continue;
        }
        if (b == ',') {
          fields.add(field.text());
          field = new FieldBytes();
          fieldStart = true;
          continue;
        }
        if (b == '\r' && peek() == '\n') {
          continue;
        }
        if (b == '\n') {
          fields.add(field.text());
          line++;
          break;
        }
        if (b == '"') {
          problem = problem == null ? "a quote inside an unquoted field" : problem;
        }
        field.add(b);
        fieldStart = false;
      }
      line = Math.max(line, rowLine + 1);
      for (String f : fields) {
        if (f == null) {
          problem = problem == null ? "a field is not UTF-8 or longer than " + MAX_FIELD_BYTES + " bytes" : problem;
        }
      }
      if (fields.size() > MAX_FIELDS) {
        problem = problem == null ? "more than " + MAX_FIELDS + " fields" : problem;
      }
      return new Row(rowLine, problem == null ? List.copyOf(fields) : List.of(), problem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Before anything is read: skips a UTF-8 byte-order mark, if the file starts with one. */
  private boolean skipBom() throws IOException {
    in.mark(3);
    byte[] start = in.readNBytes(3);
    if (start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF) {
      return true;
    }
    in.reset();
    return false;
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    return peeked;
  }

  private int read() throws IOException {
    int b = peek();
    peeked = -2;
    if (b >= 0) {
      offset++;
    }
    return b;
  }

  /** A field's bytes, decoded strictly as UTF-8 at its end; null when it is not UTF-8 or too long. */
  private static final class FieldBytes {
    private byte[] bytes = new byte[32];
    private int size;
    private boolean tooLong;

    void add(int b) {
      if (size == MAX_FIELD_BYTES) {
        tooLong = true;
        return;
      }
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[size++] = (byte) b;
    }

    String text() {
      if (tooLong) {
        return null;
      }
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, 0, size))
            .toString();
      } catch (CharacterCodingException e) {
        return null;
      }
    }
  }
}
