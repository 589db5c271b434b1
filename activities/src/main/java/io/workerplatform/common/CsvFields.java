package io.workerplatform.common;

/** Writing CSV (RFC 4180): one rule for every CSV the platform hands out. */
public final class CsvFields {
  private CsvFields() {}

  /** The field as written: quoted, its quotes doubled, when it holds a comma, a quote or a line break; null empty. */
  public static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
