package io.workerplatform.imports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * What an import can bring in (contacts, profiles): the capability that owns the rows checks and
 * writes them; the import only reads the file, keeps the offsets and counts. A new importable
 * kind is one more bean.
 */
public interface ImportTarget {
  /** The {@code kind} an upload names: {@code contacts}. */
  String kind();

  /** The header row's columns every file of this kind has. */
  List<String> requiredColumns();

  /** Columns a file may add; a column the file lacks leaves the value as it is on an update. */
  List<String> optionalColumns();

  /**
   * Checks and writes a batch of rows of organization {@code orgId} on {@code t}, the batch's
   * transaction, and answers one outcome per row, in the rows' order. A row that breaks a rule is
   * {@link Outcome#rejected}, never an exception: one bad row never fails its batch.
   */
  List<Outcome> apply(DSLContext t, String orgId, List<Row> rows, OffsetDateTime now);

  /**
   * A row of the file: its line number (the header is line 1) and its cells by column, only the
   * columns the file has; a cell left empty is an empty string.
   */
  record Row(int line, Map<String, String> cells) {
    /** The cell stripped, null when the file lacks the column or the cell is empty. */
    public String value(String column) {
      String cell = cells.get(column);
      return cell == null || cell.isBlank() ? null : cell.strip();
    }

    public boolean has(String column) {
      return cells.containsKey(column);
    }
  }

  enum Result { IMPORTED, UPDATED, REJECTED }

  /** What became of a row; a rejected one names its column and why, never its value. */
  record Outcome(Result result, String column, String reason) {
    public static final Outcome IMPORTED = new Outcome(Result.IMPORTED, null, null);
    public static final Outcome UPDATED = new Outcome(Result.UPDATED, null, null);

    public static Outcome rejected(String column, String reason) {
      return new Outcome(Result.REJECTED, column, reason);
    }
  }
}
