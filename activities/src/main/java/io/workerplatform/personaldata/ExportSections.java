package io.workerplatform.personaldata;

import java.io.IOException;
import java.io.InputStream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/** The export archive as a {@link PersonalData} writes into it; entries are streamed as written. */
public interface ExportSections {
  /** The export's read-only transaction (a consistent snapshot; cursors stream inside it). */
  DSLContext dsl();

  /** An entry {@code name} holding the query's rows as one JSON array of objects, read from a cursor. */
  void rows(String name, ResultQuery<? extends Record> query) throws IOException;

  /** A stored file's bytes, as {@code files/<id>/<name>}. */
  void file(String id, String name, InputStream content) throws IOException;
}
