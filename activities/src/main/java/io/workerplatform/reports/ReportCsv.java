package io.workerplatform.reports;

import io.workerplatform.common.CsvFields;
import java.io.IOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * RFC 4180 CSV: a cell with a comma, quote or line break is quoted, its quotes doubled; a text
 * cell starting with {@code = + - @} is prefixed with {@code '} so that a spreadsheet never runs it
 * as a formula (an error message is the receiver's text). Times are UTC instants in ISO-8601.
 */
final class ReportCsv {
  private ReportCsv() {}

  static void line(Writer out, List<?> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(values.get(i)));
    }
    out.write("\r\n");
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof OffsetDateTime at) {
      return at.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return CsvFields.field(text);
  }
}
