package io.workerplatform.contacts;

import static io.workerplatform.db.Tables.CONTACTS;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.PersonalDataRegistry;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import io.workerplatform.retention.Scan;
import io.workerplatform.retention.SoftDeletable;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Retention category {@code contacts}: a deleted contact past its retention is erased everywhere,
 * as an erasure request would (every capability's {@link io.workerplatform.personaldata.PersonalData}).
 */
public final class ContactRetention implements RetentionCategory {
  public static final String CATEGORY = "contacts";

  private final PersonalDataRegistry erasure;
  private final RenderedQuery due;

  public ContactRetention(DSLContext dsl, PersonalDataRegistry erasure) {
    this.erasure = erasure;
    this.due = RenderedQuery.of(dsl, DSL.select(CONTACTS.ID, CONTACTS.ORG_ID)
        .from(RetentionSql.withRetention(CONTACTS, CONTACTS.ORG_ID, CATEGORY))
        .where(CONTACTS.ANONYMIZED_AT.isNull())
        // by address: SES events and suppressions are found by it
        .and(RetentionSql.share(DSL.lower(CONTACTS.EMAIL)))
        .and(RetentionSql.pastRetention(CONTACTS.DELETED_AT))
        .limit(RetentionSql.LIMIT)
        .forUpdate().of(CONTACTS).skipLocked());
  }

  @Override
  public String name() {
    return CATEGORY;
  }

  @Override
  public List<RetentionStep> steps() {
    return List.of(new RetentionStep("contacts", "contact", 40, this::contacts));
  }

  @Override
  public List<SoftDeletable> softDeletables() {
    return List.of(new SoftDeletable("contact", CONTACTS, CONTACTS.ID, CONTACTS.ORG_ID, CONTACTS.DELETED_AT));
  }

  private List<String> contacts(DSLContext t, Scan scan) {
    Result<Record> rows = scan.bind(due).fetch(t);
    erasure.eraseContacts(t, rows.getValues(CONTACTS.ID), scan.now());
    return rows.getValues(CONTACTS.ORG_ID);
  }
}
