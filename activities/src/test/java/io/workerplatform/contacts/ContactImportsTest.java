package io.workerplatform.contacts;

import static io.workerplatform.db.Tables.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.imports.ImportTarget.Outcome;
import io.workerplatform.imports.ImportTarget.Row;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Imported contact rows against PostgreSQL: matched by address ignoring case, never reviving a deleted one. */
class ContactImportsTest {
  static TestDatabase db;
  static ContactStore contacts;
  final ContactImports imports = new ContactImports();
  final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
  String orgId;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("contact_imports");
    contacts = new ContactStore(db.dsl, Clock.systemUTC());
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    db.organizations().create(orgId, "Org");
  }

  private static Row row(int line, String... cells) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < cells.length; i += 2) {
      values.put(cells[i], cells[i + 1]);
    }
    return new Row(line, values);
  }

  private List<Outcome> apply(Row... rows) {
    return db.dsl.transactionResult(c -> imports.apply(c.dsl(), orgId, List.of(rows), now));
  }

  private List<String> live(String column) {
    return db.dsl.select(CONTACTS.field(column, String.class)).from(CONTACTS)
        .where(CONTACTS.ORG_ID.eq(orgId)).and(CONTACTS.DELETED_AT.isNull()).orderBy(CONTACTS.EMAIL)
        .fetch(CONTACTS.field(column, String.class));
  }

  @Test
  void aLiveContactWithTheSameAddressInAnotherCaseIsUpdatedAndANewAddressIsCreated() {
    String ana = contacts.createContacts(orgId, List.of(new ContactStore.NewContact("Ana@Example.com", "Ana", "pt"))).get(0);

    List<Outcome> outcomes = apply(
        row(2, "email", "ana@example.COM", "name", "Ana Diaz"),
        row(3, "email", "bo@example.com", "name", "Bo"));

    assertThat(outcomes).containsExactly(Outcome.UPDATED, Outcome.IMPORTED);
    assertThat(live("email")).containsExactly("ana@example.COM", "bo@example.com");
    assertThat(live("name")).containsExactly("Ana Diaz", "Bo");
    // no locale column: the contact keeps its own; a new one gets the default
    assertThat(live("locale")).containsExactly("pt", "en");
    assertThat(live("id")).first().isEqualTo(ana);
  }

  @Test
  void aDeletedOrErasedContactIsNeverRevived() {
    String gone = contacts.createContacts(orgId, List.of(new ContactStore.NewContact("gone@example.com", "Gone", "en"))).get(0);
    db.dsl.update(CONTACTS).set(CONTACTS.DELETED_AT, now).where(CONTACTS.ID.eq(gone)).execute();

    assertThat(apply(row(2, "email", "gone@example.com", "name", "Back"))).containsExactly(Outcome.IMPORTED);

    assertThat(live("id")).hasSize(1).doesNotContain(gone);
    assertThat(db.dsl.fetchValue(CONTACTS.NAME, CONTACTS.ID.eq(gone))).isEqualTo("Gone");
  }

  @Test
  void anAddressMatchingSeveralLiveContactsIsTheRowsErrorAndChangesNeither() {
    contacts.createContacts(orgId, List.of(
        new ContactStore.NewContact("twin@example.com", "One", "en"), new ContactStore.NewContact("TWIN@example.com", "Two", "en")));

    assertThat(apply(row(2, "email", "twin@example.com", "name", "Three")))
        .containsExactly(Outcome.rejected("email", "matches 2 contacts of the organization"));
    assertThat(live("name")).containsExactlyInAnyOrder("One", "Two");
  }

  @Test
  void rowsOfOneBatchWithOneAddressAreOneContactWithTheLastRowsValues() {
    List<Outcome> outcomes = apply(
        row(2, "email", "dup@example.com", "name", "First", "locale", "de"),
        row(3, "email", "DUP@example.com", "name", "Second", "locale", ""));

    assertThat(outcomes).containsExactly(Outcome.IMPORTED, Outcome.UPDATED);
    assertThat(live("name")).containsExactly("Second");
    assertThat(live("locale")).containsExactly("en");
  }

  @Test
  void badRowsNameTheirColumnWithoutQuotingTheValueAndTheGoodRowsAreWritten() {
    List<Outcome> outcomes = apply(
        row(2, "email", "", "name", "No address"),
        row(3, "email", "not-an-address", "name", "X"),
        row(4, "email", "ok@example.com", "name", "x".repeat(201)),
        row(5, "email", "ok2@example.com", "name", "Ok", "locale", "Klingon!"),
        row(6, "email", "ok3@example.com", "name", ""));

    assertThat(outcomes).containsExactly(
        Outcome.rejected("email", "is required"),
        Outcome.rejected("email", "is not a valid email address"),
        Outcome.rejected("name", "must be at most 200 characters"),
        Outcome.rejected("locale", "must be a language tag such as en or pt-BR"),
        Outcome.IMPORTED);
    assertThat(live("email")).containsExactly("ok3@example.com");
    assertThat(live("name")).containsOnlyNulls();
  }
}
