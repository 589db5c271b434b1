package io.workerplatform.imports;

import io.workerplatform.common.Ids;
import io.workerplatform.common.InvalidFieldException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.files.FileStorage;
import io.workerplatform.imports.ImportStore.Import;
import io.workerplatform.imports.ImportStore.Upload;
import io.workerplatform.organizations.OrganizationStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * Takes an uploaded CSV: streams its bytes into the file storage (never whole in memory, at most
 * {@code maxBytes}), checks its header row against the kind's columns, and stores the queued
 * import. Whatever refuses the upload leaves neither bytes nor a row.
 */
public class ImportUploads {
  private final DSLContext dsl;
  private final ImportStore store;
  private final FileStorage storage;
  private final Map<String, ImportTarget> targets;
  private final long maxBytes;

  public ImportUploads(DSLContext dsl, ImportStore store, FileStorage storage, List<ImportTarget> targets, long maxBytes) {
    this.dsl = dsl;
    this.store = store;
    this.storage = storage;
    this.targets = byKind(targets);
    this.maxBytes = maxBytes;
  }

  /** The targets by kind; two of one kind stop the start. */
  public static Map<String, ImportTarget> byKind(List<ImportTarget> targets) {
    Map<String, ImportTarget> byKind = new TreeMap<>();
    for (ImportTarget target : targets) {
      if (byKind.putIfAbsent(target.kind(), target) != null) {
        throw new IllegalStateException("two import targets of kind " + target.kind());
      }
    }
    return byKind;
  }

  /** A file larger than the route takes. */
  public static final class TooLargeException extends RuntimeException {
    private final long maxBytes;

    TooLargeException(long maxBytes) {
      super("the file is larger than " + maxBytes + " bytes");
      this.maxBytes = maxBytes;
    }

    public long maxBytes() {
      return maxBytes;
    }
  }

  /** What became of an upload: a new import, the same upload given again with its key, or the key reused for another. */
  public sealed interface Outcome {}

  public record Created(Import created) implements Outcome {}

  public record Replayed(Import existing) implements Outcome {}

  public record KeyReused(Import existing) implements Outcome {}

  public long maxBytes() {
    return maxBytes;
  }

  public Set<String> kinds() {
    return targets.keySet();
  }

  /** The kind's target. */
  public ImportTarget target(String kind) {
    ImportTarget target = kind == null ? null : targets.get(kind);
    if (target == null) {
      throw new InvalidFieldException("kind", "must be one of " + String.join(", ", targets.keySet()));
    }
    return target;
  }

  /** Streams the file into the storage under a new import id. */
  public Upload store(String orgId, String fileName, InputStream content) {
    if (!OrganizationStore.exists(dsl, orgId)) {
      throw new NotFoundException("organization", orgId);
    }
    String id = Ids.newId("imp");
    String key = orgId + "/" + id;
    FileStorage.Stored stored;
    try {
      stored = storage.writeHashed(key, out -> {
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        for (int n; (n = content.read(buffer)) >= 0; size += n) {
          if (size + n > maxBytes) {
            throw new TooLargeException(maxBytes); // the storage keeps nothing of a failed write
          }
          out.write(buffer, 0, n);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("file storage refused import " + id, e);
    }
    return new Upload(id, key, fileName, stored.sizeBytes(), stored.sha256());
  }

  /**
   * Stores the import of an upload: its header checked against the kind's columns (a problem
   * names {@code file}), then the row; the same key given again answers the import it made.
   * The upload's bytes are deleted unless they became this import's.
   */
  public Outcome create(String orgId, String kind, Upload upload, String idempotencyKey) {
    boolean kept = false;
    try {
      ImportTarget target = target(kind);
      if (upload.sizeBytes() == 0) {
        throw new InvalidFieldException("file", "is empty");
      }
      Header header = header(upload);
      List<String> columns = columns(target, header.fields());
      Optional<Import> created =
          store.create(upload.id(), orgId, kind, columns, header.endOffset(), header.nextLine(), upload, idempotencyKey);
      if (created.isPresent()) {
        kept = true;
        return new Created(created.get());
      }
      Import existing = store.byIdempotencyKey(orgId, idempotencyKey).orElseThrow();
      boolean same = existing.sha256().equals(upload.sha256()) && existing.kind().equals(kind);
      return same ? new Replayed(existing) : new KeyReused(existing);
    } finally {
      if (!kept) {
        discard(upload);
      }
    }
  }

  /** Deletes an upload's bytes that no import took. */
  public void discard(Upload upload) {
    try {
      storage.delete(upload.storageKey());
    } catch (IOException | RuntimeException ignored) {
      // unreferenced bytes are harmless; no row names them
    }
  }

  /** The header row's fields, and where the first row starts. */
  private record Header(List<String> fields, long endOffset, int nextLine) {}

  private Header header(Upload upload) {
    try (InputStream in = storage.open(upload.storageKey())) {
      CsvRows csv = new CsvRows(in, 0, 1);
      CsvRows.Row header = csv.next();
      if (header == null) {
        throw new InvalidFieldException("file", "is empty");
      }
      if (header.problem() != null) {
        throw new InvalidFieldException("file", "has an unreadable header row: " + header.problem());
      }
      return new Header(header.fields(), csv.offset(), csv.line());
    } catch (IOException e) {
      throw new UncheckedIOException("file storage cannot read import " + upload.id(), e);
    }
  }

  /** The header's columns, checked: each known to the kind, none twice, every required one there. */
  static List<String> columns(ImportTarget target, List<String> header) {
    Set<String> known = new LinkedHashSet<>(target.requiredColumns());
    known.addAll(target.optionalColumns());
    List<String> columns = new ArrayList<>(header.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String column = header.get(i).strip();
      if (!known.contains(column)) {
        throw new InvalidFieldException("file", "header column " + (i + 1) + " is not one of "
            + String.join(", ", known) + " (the header row names the columns of a " + target.kind() + " file)");
      }
      if (!seen.add(column)) {
        throw new InvalidFieldException("file", "header names the column " + column + " twice");
      }
      columns.add(column);
    }
    for (String required : target.requiredColumns()) {
      if (!seen.contains(required)) {
        throw new InvalidFieldException("file", "header lacks the column " + required
            + " (a " + target.kind() + " file has " + String.join(", ", target.requiredColumns()) + ")");
      }
    }
    return columns;
  }
}
