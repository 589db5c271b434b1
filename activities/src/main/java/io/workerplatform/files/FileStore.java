package io.workerplatform.files;

import io.workerplatform.contacts.ContactStore;
import io.workerplatform.organizations.OrganizationStore;
import static io.workerplatform.db.Tables.FILES;

import io.workerplatform.common.Hashes;
import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Organizations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import java.io.ByteArrayInputStream;

/**
 * Files: the bytes in a {@link FileStorage}, the metadata in PostgreSQL. Bytes are written first,
 * so a row always has its bytes; a crash between the two leaves unreferenced bytes, never a row
 * without them.
 */
public class FileStore {
  private final DSLContext dsl;
  private final FileStorage storage;
  private final Clock clock;

  public FileStore(DSLContext dsl, FileStorage storage, Clock clock) {
    this.dsl = dsl;
    this.storage = storage;
    this.clock = clock;
  }

  public record StoredFile(
      String id, String orgId, String name, String contentType, long sizeBytes, String sha256) {}

  /** Stores a new file of organization {@code orgId}. */
  public StoredFile save(String orgId, String name, String contentType, byte[] content) {
    return save(orgId, null, name, contentType, content);
  }

  /**
   * Stores a new file of organization {@code orgId} that belongs to contact {@code contactId} (null:
   * to nobody in particular); an erasure of the contact deletes it, their export includes it.
   */
  public StoredFile save(String orgId, String contactId, String name, String contentType, byte[] content) {
    return save(orgId, contactId, name, contentType, new ByteArrayInputStream(content));
  }

  /**
   * Stores a new file streamed from {@code content}: neither the upload nor the storage holds it
   * in memory whole. A refused or interrupted write leaves no bytes and no row.
   */
  public StoredFile save(String orgId, String contactId, String name, String contentType, InputStream content) {
    // Checked before the bytes are written: a refused upload leaves nothing in the storage.
    if (!OrganizationStore.exists(dsl, orgId)) {
      throw new NotFoundException("organization", orgId);
    }
    if (contactId != null && !ContactStore.exists(dsl, orgId, contactId)) {
      throw new NotFoundException("contact", contactId);
    }
    String id = Ids.newId("file");
    String key = orgId + "/" + id;
    FileStorage.Stored stored;
    try {
      stored = storage.writeHashed(key, content::transferTo);
    } catch (IOException e) {
      throw new UncheckedIOException("file storage refused " + id, e);
    }
    StoredFile file = new StoredFile(id, orgId, name, contentType, stored.sizeBytes(), stored.sha256());
    try {
      return insert(file, contactId, key);
    } catch (RuntimeException e) {
      deleteQuietly(key); // no row, so no bytes either
      throw e;
    }
  }

  private void deleteQuietly(String key) {
    try {
      storage.delete(key);
    } catch (IOException | RuntimeException ignored) {
      // unreferenced bytes are harmless; the row is what counts
    }
  }

  private StoredFile insert(StoredFile file, String contactId, String key) {
    String id = file.id();
    String orgId = file.orgId();
    String name = file.name();
    String contentType = file.contentType();
    return Organizations.writingFor(
        orgId,
        () -> {
          dsl.insertInto(FILES)
              .set(FILES.ID, id)
              .set(FILES.ORG_ID, orgId)
              .set(FILES.CONTACT_ID, contactId)
              .set(FILES.NAME, name)
              .set(FILES.CONTENT_TYPE, contentType)
              .set(FILES.SIZE_BYTES, file.sizeBytes())
              .set(FILES.SHA256, file.sha256())
              .set(FILES.STORAGE_KEY, key)
              .set(FILES.CREATED_AT, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
              .execute();
          return file;
        });
  }

  /** The file's metadata, if it belongs to organization {@code orgId}. */
  public Optional<StoredFile> find(String orgId, String fileId) {
    return dsl.selectFrom(FILES)
        .where(FILES.ID.eq(fileId).and(FILES.ORG_ID.eq(orgId)))
        .fetchOptional(
            f -> new StoredFile(f.getId(), f.getOrgId(), f.getName(), f.getContentType(), f.getSizeBytes(), f.getSha256()));
  }

  /** The bytes of the organization's file as a stream the caller closes; empty when it has no such file. */
  public Optional<InputStream> open(String orgId, String fileId) {
    Optional<String> key =
        dsl.select(FILES.STORAGE_KEY)
            .from(FILES)
            .where(FILES.ID.eq(fileId).and(FILES.ORG_ID.eq(orgId)))
            .fetchOptional(FILES.STORAGE_KEY);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(storage.open(key.get()));
    } catch (IOException e) {
      throw new UncheckedIOException("file storage cannot read " + fileId, e);
    }
  }

  /** The bytes of a stored file. */
  public byte[] read(String fileId) {
    String key =
        dsl.select(FILES.STORAGE_KEY)
            .from(FILES)
            .where(FILES.ID.eq(fileId))
            .fetchOptional(FILES.STORAGE_KEY)
            .orElseThrow(() -> new NotFoundException("file", fileId));
    try {
      return storage.get(key);
    } catch (IOException e) {
      throw new UncheckedIOException("file storage cannot read " + fileId, e);
    }
  }

  /** Hex SHA-256 of the bytes, as stored with files and exports. */
  public static String sha256(byte[] content) {
    return Hashes.sha256Hex(content);
  }
}
