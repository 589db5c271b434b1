package io.workerplatform.contacts;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import static io.workerplatform.db.Tables.CONTACTS;

import io.workerplatform.common.Ids;
import io.workerplatform.common.Organizations;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep6;
import io.workerplatform.common.NotFoundException;
import java.util.Collection;
import java.util.Set;

/** An organization's contacts (the people it writes to). */
public class ContactStore {
  private static final int ROWS_PER_STATEMENT = 1_000;

  private final DSLContext dsl;
  private final Clock clock;

  public ContactStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  public record NewContact(String email, String name, String locale) {}

  /** Stores the contacts in one transaction and returns their ids, in the given order. */
  public List<String> createContacts(String orgId, List<NewContact> contacts) {
    List<String> ids = new ArrayList<>(contacts.size());
    OffsetDateTime now = now();
    return Organizations.writingFor(
        orgId,
        () ->
            dsl.transactionResult(
                tx -> {
                  for (int from = 0; from < contacts.size(); from += ROWS_PER_STATEMENT) {
                    InsertValuesStep6<?, String, String, String, String, String, OffsetDateTime> insert =
                        tx.dsl()
                            .insertInto(
                                CONTACTS,
                                CONTACTS.ID,
                                CONTACTS.ORG_ID,
                                CONTACTS.EMAIL,
                                CONTACTS.NAME,
                                CONTACTS.LOCALE,
                                CONTACTS.CREATED_AT);
                    for (NewContact contact : contacts.subList(from, Math.min(contacts.size(), from + ROWS_PER_STATEMENT))) {
                      String id = Ids.newId("con");
                      ids.add(id);
                      insert = insert.values(id, orgId, contact.email().strip(), contact.name(), localeOf(contact), now);
                    }
                    insert.execute();
                  }
                  return ids;
                }));
  }

  /**
   * Checks, on {@code dsl} (the caller's transaction, say), that the organization has this contact
   * and it is not deleted.
   *
   * @throws io.workerplatform.common.NotFoundException otherwise
   */
  public static void requireActive(DSLContext dsl, String orgId, String contactId) {
    if (!dsl.fetchExists(
        CONTACTS, CONTACTS.ID.eq(contactId).and(CONTACTS.ORG_ID.eq(orgId)).and(CONTACTS.DELETED_AT.isNull()))) {
      throw new NotFoundException("contact", contactId);
    }
  }

  /** Whether the organization has this contact (deleted or not), read on {@code dsl}. */
  public static boolean exists(DSLContext dsl, String orgId, String contactId) {
    return dsl.fetchExists(CONTACTS, CONTACTS.ID.eq(contactId).and(CONTACTS.ORG_ID.eq(orgId)));
  }

  /** The condition, for another capability's query, that {@code contactId} names a contact not deleted. */
  public static Condition isLive(Field<String> contactId) {
    return DSL.exists(DSL.selectOne().from(CONTACTS).where(CONTACTS.ID.eq(contactId)).and(CONTACTS.DELETED_AT.isNull()));
  }

  /**
   * A contact as a message addresses it (an email's recipient); {@code anonymized}: erased under
   * the GDPR, nothing may be sent to it.
   */
  public record Addressee(String id, String orgId, String email, String name, String locale, boolean anonymized) {}

  /** Those of {@code ids} that are contacts (deleted ones included), read on {@code dsl} in one query. */
  public static List<Addressee> addressees(DSLContext dsl, Collection<String> ids) {
    return dsl.select(CONTACTS.ID, CONTACTS.ORG_ID, CONTACTS.EMAIL, CONTACTS.NAME, CONTACTS.LOCALE, CONTACTS.ANONYMIZED_AT)
        .from(CONTACTS)
        .where(CONTACTS.ID.in(ids))
        .fetch(r -> new Addressee(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6() != null));
  }

  /**
   * The ids of the organization's contacts (deleted ones included), or of those of them in {@code
   * contactIds} when it is not null: a query for another capability's statement to select from
   * (a bulk send's recipients are inserted from it in one statement).
   */
  public static Select<Record1<String>> ids(String orgId, Collection<String> contactIds) {
    return DSL.select(CONTACTS.ID)
        .from(CONTACTS)
        .where(CONTACTS.ORG_ID.eq(orgId))
        .and(contactIds == null ? DSL.noCondition() : CONTACTS.ID.in(contactIds));
  }

  /** The condition, for another capability's query, that {@code contactId} names a contact neither deleted nor erased. */
  public static Condition isReachable(Field<String> contactId) {
    return DSL.exists(DSL.selectOne().from(CONTACTS).where(CONTACTS.ID.eq(contactId))
        .and(CONTACTS.DELETED_AT.isNull()).and(CONTACTS.ANONYMIZED_AT.isNull()));
  }

  /** Of {@code contactIds}, those that are not contacts of the organization. */
  public List<String> notInOrganization(String orgId, List<String> contactIds) {
    Set<String> known =
        dsl.select(CONTACTS.ID)
            .from(CONTACTS)
            .where(CONTACTS.ORG_ID.eq(orgId))
            .and(CONTACTS.ID.in(contactIds))
            .fetchSet(CONTACTS.ID);
    return contactIds.stream().filter(id -> !known.contains(id)).toList();
  }

  private static String localeOf(NewContact contact) {
    return contact.locale() == null || contact.locale().isBlank() ? "en" : contact.locale();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
