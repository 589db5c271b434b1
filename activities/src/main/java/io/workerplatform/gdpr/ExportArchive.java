package io.workerplatform.gdpr;

import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.JSONFormat;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * The ZIP of an export: one JSON file (an array of objects) per kind of row, {@code files/} with
 * the stored files' bytes, and {@code manifest.json} listing what is inside. An organization's
 * export holds all its rows; a contact's or a member's export holds the rows about them. What goes
 * in comes from every registered {@link PersonalData}, in its order.
 */
final class ExportArchive implements ExportSections {
  private static final JSONFormat ROW =
      new JSONFormat().header(false).recordFormat(JSONFormat.RecordFormat.OBJECT);
  /** Rows read per round trip, and rows between heartbeats. */
  private static final int FETCH_SIZE = 1000;

  private final DSLContext dsl;
  private final Runnable heartbeat;
  private final Map<String, Integer> manifest = new LinkedHashMap<>();
  private ZipOutputStream zip;
  private int entries;

  private ExportArchive(DSLContext dsl, Runnable heartbeat) {
    this.dsl = dsl;
    this.heartbeat = heartbeat;
  }

  /**
   * Writes the archive to {@code out} as it reads the rows: cursors with a fetch size, so an
   * organization of hundreds of thousands of contacts never sits in memory. {@code dsl} must be in
   * a transaction (PostgreSQL streams a cursor only there). Returns the number of entries.
   */
  static int write(
      DSLContext dsl, List<PersonalData> sections, ExportInput input, String memberId, Runnable heartbeat,
      OutputStream out) throws IOException {
    return new ExportArchive(dsl, heartbeat).write(sections, input, memberId, out);
  }

  private int write(List<PersonalData> sections, ExportInput input, String memberId, OutputStream out)
      throws IOException {
    zip = new ZipOutputStream(out);
    for (PersonalData section : sections) {
      if (memberId != null) {
        section.exportMember(this, input.orgId(), memberId);
      } else if (input.contactId() == null) {
        section.exportOrganization(this, input.orgId());
      } else {
        section.exportContact(this, input.orgId(), input.contactId());
      }
    }
    StringBuilder json = new StringBuilder("{\n  \"exportId\": \"").append(input.exportId())
        .append("\",\n  \"orgId\": \"").append(input.orgId()).append("\",\n  \"contactId\": ")
        .append(input.contactId() == null ? "null" : "\"" + input.contactId() + "\"")
        .append(",\n  \"memberId\": ")
        .append(memberId == null ? "null" : "\"" + memberId + "\"")
        .append(",\n  \"entries\": {");
    String separator = "\n    ";
    for (var entry : manifest.entrySet()) {
      json.append(separator).append('"').append(entry.getKey()).append("\": ").append(entry.getValue());
      separator = ",\n    ";
    }
    zip.putNextEntry(new ZipEntry("manifest.json"));
    zip.write(json.append("\n  }\n}\n").toString().getBytes(StandardCharsets.UTF_8));
    closeEntry();
    zip.finish();
    return entries;
  }

  @Override
  public DSLContext dsl() {
    return dsl;
  }

  @Override
  public void file(String id, String name, InputStream content) throws IOException {
    zip.putNextEntry(new ZipEntry("files/" + id + "/" + safeName(name)));
    content.transferTo(zip);
    closeEntry();
    manifest.merge("files/", 1, Integer::sum);
  }

  /** One JSON array of objects, written row by row from a cursor. */
  @Override
  public void rows(String name, ResultQuery<? extends Record> query) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    Writer json = new BufferedWriter(new OutputStreamWriter(new NonClosing(zip), StandardCharsets.UTF_8), 64 * 1024);
    int count = 0;
    json.write('[');
    try (Cursor<? extends Record> rows = query.fetchSize(FETCH_SIZE).fetchLazy()) {
      for (Record row : rows) {
        json.write(count == 0 ? "\n" : ",\n");
        json.write(row.formatJSON(ROW));
        if (++count % FETCH_SIZE == 0) {
          heartbeat.run();
        }
      }
    }
    json.write(count == 0 ? "]\n" : "\n]\n");
    json.flush();
    closeEntry();
    manifest.put(name, count);
  }

  private void closeEntry() throws IOException {
    zip.closeEntry();
    entries++;
    heartbeat.run();
  }

  /** The writer of one entry must not close the archive under it. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** A file name that stays one path segment inside the archive. */
  static String safeName(String name) {
    String safe = name.replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "_").strip();
    return safe.isEmpty() || safe.startsWith(".") ? "file" + safe : safe;
  }
}
