package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.BULK_SENDS;
import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.CONTACT_DOCUMENTS;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.NOTIFICATIONS;
import static io.workerplatform.db.Tables.MEMBER_NOTIFICATION_PREFERENCES;
import static io.workerplatform.db.Tables.MEMBERS;
import static io.workerplatform.db.Tables.ORGANIZATIONS;
import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.SIGNATURE_REQUESTS;
import static io.workerplatform.db.Tables.SIGNATURE_SIGNERS;

import io.workerplatform.files.FileStorage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONFormat;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * The ZIP of an export: one JSON file (an array of objects) per kind of row, {@code files/} with
 * the stored files' bytes, and {@code manifest.json} listing what is inside. An organization's
 * export holds all its rows; a contact's export holds the rows about that contact.
 */
final class ExportArchive {
  private static final JSONFormat ROW =
      new JSONFormat().header(false).recordFormat(JSONFormat.RecordFormat.OBJECT);
  /** Rows read per round trip, and rows between heartbeats. */
  private static final int FETCH_SIZE = 1000;

  private final DSLContext dsl;
  private final FileStorage storage;
  private final Runnable heartbeat;
  private final Map<String, Integer> manifest = new LinkedHashMap<>();
  private int entries;

  private ExportArchive(DSLContext dsl, FileStorage storage, Runnable heartbeat) {
    this.dsl = dsl;
    this.storage = storage;
    this.heartbeat = heartbeat;
  }

  /**
   * Writes the archive to {@code out} as it reads the rows: cursors with a fetch size, so an
   * organization of hundreds of thousands of contacts never sits in memory. {@code dsl} must be in
   * a transaction (PostgreSQL streams a cursor only there). Returns the number of entries.
   */
  static int write(
      DSLContext dsl, FileStorage storage, ExportInput input, String memberId, Runnable heartbeat, OutputStream out)
      throws IOException {
    return new ExportArchive(dsl, storage, heartbeat).write(input, memberId, out);
  }

  private int write(ExportInput input, String memberId, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    if (memberId != null) {
      member(zip, input.orgId(), memberId);
    } else if (input.contactId() == null) {
      organization(zip, input.orgId());
    } else {
      contact(zip, input.orgId(), input.contactId());
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
    closeEntry(zip);
    zip.finish();
    return entries;
  }

  private void organization(ZipOutputStream zip, String orgId) throws IOException {
    rows(zip, "organization.json", dsl.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(orgId)));
    rows(zip, "contacts.json", dsl.selectFrom(CONTACTS).where(CONTACTS.ORG_ID.eq(orgId)).orderBy(CONTACTS.ID));
    rows(zip, "petitions.json", dsl.selectFrom(PETITIONS).where(PETITIONS.ORG_ID.eq(orgId)).orderBy(PETITIONS.ID));
    rows(zip, "petition_replies.json", replies(PETITION_REPLIES.ORG_ID.eq(orgId)));
    rows(zip, "petition_comments.json", comments(PETITION_COMMENTS.ORG_ID.eq(orgId)));
    rows(zip, "email_messages.json", messages(EMAIL_MESSAGES.ORG_ID.eq(orgId)));
    rows(zip, "bulk_sends.json", dsl.selectFrom(BULK_SENDS).where(BULK_SENDS.ORG_ID.eq(orgId)).orderBy(BULK_SENDS.ID));
    rows(zip, "signature_requests.json", signatureRequests(SIGNATURE_REQUESTS.ORG_ID.eq(orgId)));
    rows(zip, "documents.json", documents(CONTACT_DOCUMENTS.ORG_ID.eq(orgId)));
    rows(zip, "members.json", dsl.selectFrom(MEMBERS).where(MEMBERS.ORG_ID.eq(orgId)).orderBy(MEMBERS.ID));
    rows(zip, "notification_preferences.json",
        dsl.selectFrom(MEMBER_NOTIFICATION_PREFERENCES).where(MEMBER_NOTIFICATION_PREFERENCES.ORG_ID.eq(orgId))
            .orderBy(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID, MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE));
    rows(zip, "notifications.json", notifications(NOTIFICATIONS.ORG_ID.eq(orgId)));
    files(zip, FILES.ORG_ID.eq(orgId));
  }

  /** A member: its row, its choices, its notifications and the email sent to it with their SES events. */
  private void member(ZipOutputStream zip, String orgId, String memberId) throws IOException {
    rows(zip, "member.json", dsl.selectFrom(MEMBERS).where(MEMBERS.ID.eq(memberId)).and(MEMBERS.ORG_ID.eq(orgId)));
    rows(zip, "notification_preferences.json",
        dsl.selectFrom(MEMBER_NOTIFICATION_PREFERENCES).where(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.eq(memberId))
            .and(MEMBER_NOTIFICATION_PREFERENCES.ORG_ID.eq(orgId))
            .orderBy(MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE));
    rows(zip, "notifications.json", notifications(NOTIFICATIONS.MEMBER_ID.eq(memberId).and(NOTIFICATIONS.ORG_ID.eq(orgId))));
    rows(zip, "email_messages.json", messages(EMAIL_MESSAGES.MEMBER_ID.eq(memberId).and(EMAIL_MESSAGES.ORG_ID.eq(orgId))));
    rows(zip, "email_events.json", emailEvents(EMAIL_MESSAGES.MEMBER_ID.eq(memberId).and(EMAIL_MESSAGES.ORG_ID.eq(orgId))));
  }

  private ResultQuery<?> documents(Condition which) {
    return dsl.selectFrom(CONTACT_DOCUMENTS).where(which).orderBy(CONTACT_DOCUMENTS.ID);
  }

  private ResultQuery<?> notifications(Condition which) {
    return dsl.selectFrom(NOTIFICATIONS).where(which).orderBy(NOTIFICATIONS.CREATED_AT, NOTIFICATIONS.ID);
  }

  /**
   * The SES events of the organization's own messages to a recipient ({@code sentToThem}): another
   * organization may have mailed the same address, and its events are not this recipient's data.
   */
  private ResultQuery<?> emailEvents(Condition sentToThem) {
    return dsl.select(EMAIL_EVENTS.NOTIFICATION_TYPE, EMAIL_EVENTS.SES_MESSAGE_ID, EMAIL_EVENTS.RECIPIENT,
            EMAIL_EVENTS.RECEIVED_AT, EMAIL_EVENTS.RAW)
        .from(EMAIL_EVENTS)
        .where(EMAIL_EVENTS.SES_MESSAGE_ID.in(DSL.select(EMAIL_MESSAGES.SES_MESSAGE_ID).from(EMAIL_MESSAGES).where(sentToThem)))
        .orderBy(EMAIL_EVENTS.ID);
  }

  private void contact(ZipOutputStream zip, String orgId, String contactId) throws IOException {
    Condition theirs = CONTACTS.ID.eq(contactId).and(CONTACTS.ORG_ID.eq(orgId));
    rows(zip, "contact.json", dsl.selectFrom(CONTACTS).where(theirs));
    rows(zip, "documents.json", documents(CONTACT_DOCUMENTS.CONTACT_ID.eq(contactId).and(CONTACT_DOCUMENTS.ORG_ID.eq(orgId))));
    rows(zip, "petition_replies.json", replies(PETITION_REPLIES.CONTACT_ID.eq(contactId)));
    rows(zip, "petition_comments.json", comments(PETITION_COMMENTS.CONTACT_ID.eq(contactId)));
    rows(zip, "email_messages.json", messages(EMAIL_MESSAGES.CONTACT_ID.eq(contactId)));
    rows(zip, "email_events.json", emailEvents(EMAIL_MESSAGES.CONTACT_ID.eq(contactId).and(EMAIL_MESSAGES.ORG_ID.eq(orgId))));
    rows(zip, "signature_requests.json",
        signatureRequests(SIGNATURE_REQUESTS.ID.in(
            DSL.select(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID).from(SIGNATURE_SIGNERS)
                .where(SIGNATURE_SIGNERS.CONTACT_ID.eq(contactId)))));
    files(zip, FILES.CONTACT_ID.eq(contactId).and(FILES.ORG_ID.eq(orgId)));
  }

  private ResultQuery<?> replies(Condition which) {
    return dsl.selectFrom(PETITION_REPLIES).where(which).orderBy(PETITION_REPLIES.ID);
  }

  private ResultQuery<?> comments(Condition which) {
    return dsl.selectFrom(PETITION_COMMENTS).where(which).orderBy(PETITION_COMMENTS.ID);
  }

  /** Messages with the SES error detail: the recipient's own data, never shown elsewhere. */
  private ResultQuery<?> messages(Condition which) {
    return dsl.selectFrom(EMAIL_MESSAGES).where(which).orderBy(EMAIL_MESSAGES.CREATED_AT, EMAIL_MESSAGES.DEDUPE_KEY);
  }

  /** Requests with their signers; the callback token is a credential, not data, and stays out. */
  private ResultQuery<?> signatureRequests(Condition which) {
    List<Field<?>> fields = new ArrayList<>(List.of(SIGNATURE_REQUESTS.fields()));
    fields.remove(SIGNATURE_REQUESTS.LEGACY_CALLBACK_TOKEN_SHA256);
    fields.add(SIGNATURE_SIGNERS.CONTACT_ID.as("signer_contact_id"));
    fields.add(SIGNATURE_SIGNERS.POSITION.as("signer_position"));
    fields.add(SIGNATURE_SIGNERS.STATE.as("signer_state"));
    return dsl.select(fields)
        .from(SIGNATURE_REQUESTS)
        .join(SIGNATURE_SIGNERS)
        .on(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID.eq(SIGNATURE_REQUESTS.ID).and(SIGNATURE_SIGNERS.ORG_ID.eq(SIGNATURE_REQUESTS.ORG_ID)))
        .where(which)
        .orderBy(SIGNATURE_REQUESTS.ID, SIGNATURE_SIGNERS.POSITION);
  }

  /** {@code files.json} and the bytes of every file not erased, as {@code files/<id>/<name>}. */
  private void files(ZipOutputStream zip, Condition which) throws IOException {
    rows(zip, "files.json",
        dsl.select(FILES.ID, FILES.CONTACT_ID, FILES.NAME, FILES.CONTENT_TYPE, FILES.SIZE_BYTES, FILES.SHA256, FILES.CREATED_AT)
            .from(FILES).where(which).and(FILES.ANONYMIZED_AT.isNull()).orderBy(FILES.ID));
    try (Cursor<Record3<String, String, String>> files =
        dsl.select(FILES.ID, FILES.NAME, FILES.STORAGE_KEY)
            .from(FILES).where(which).and(FILES.ANONYMIZED_AT.isNull()).orderBy(FILES.ID)
            .fetchSize(FETCH_SIZE).fetchLazy()) {
      for (var file : files) {
        zip.putNextEntry(new ZipEntry("files/" + file.value1() + "/" + safeName(file.value2())));
        try (InputStream in = storage.open(file.value3())) {
          in.transferTo(zip);
        }
        closeEntry(zip);
        manifest.merge("files/", 1, Integer::sum);
      }
    }
  }

  /** One JSON array of objects, written row by row from a cursor. */
  private void rows(ZipOutputStream zip, String name, ResultQuery<? extends Record> query) throws IOException {
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
    closeEntry(zip);
    manifest.put(name, count);
  }

  private void closeEntry(ZipOutputStream zip) throws IOException {
    zip.closeEntry();
    entries++;
    heartbeat.run();
  }

  /** The writer of one entry must not close the archive under it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
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
