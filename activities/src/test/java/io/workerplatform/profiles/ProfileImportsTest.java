package io.workerplatform.profiles;

import static io.workerplatform.db.Tables.PROFILES;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.imports.ImportTarget.Outcome;
import io.workerplatform.imports.ImportTarget.Row;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Imported profile rows against PostgreSQL: matched by external id, held to the API's rules. */
class ProfileImportsTest {
  static TestDatabase db;
  static ProfileStore profiles;
  final ProfileImports imports = new ProfileImports();
  final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
  String orgId;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("profile_imports");
    profiles = new ProfileStore(db.dsl, Clock.systemUTC());
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

  @Test
  void theLiveProfileWithTheExternalIdIsUpdatedAndOthersAreCreated() {
    var acme = profiles.create(orgId, new ProfileStore.Fields("PERSON", "Acme", "DE", LocalDate.of(1980, 4, 30), null, "BP-1"));

    List<Outcome> outcomes = apply(
        row(2, "type", "person", "name", "Ana Diaz", "country", "es", "externalId", "BP-1"),
        row(3, "type", "COMPANY", "name", "Beta AG", "country", "", "externalId", "BP-2"),
        row(4, "type", "COMPANY", "name", "Beta AG (renamed)", "country", "CH", "externalId", "BP-2"),
        row(5, "type", "PERSON", "name", "No reference", "country", "FR", "externalId", ""));

    assertThat(outcomes).containsExactly(Outcome.UPDATED, Outcome.IMPORTED, Outcome.UPDATED, Outcome.IMPORTED);
    var updated = profiles.find(orgId, acme.id()).orElseThrow();
    assertThat(updated.name()).isEqualTo("Ana Diaz");
    assertThat(updated.country()).isEqualTo("ES");
    // no dateOfBirth column: the person keeps theirs
    assertThat(updated.dateOfBirth()).isEqualTo(LocalDate.of(1980, 4, 30));
    assertThat(db.dsl.select(PROFILES.NAME, PROFILES.COUNTRY).from(PROFILES).where(PROFILES.ORG_ID.eq(orgId))
            .and(PROFILES.EXTERNAL_ID.eq("BP-2")).fetchOne().intoArray())
        .containsExactly("Beta AG (renamed)", "CH");
    assertThat(db.dsl.fetchCount(PROFILES, PROFILES.ORG_ID.eq(orgId))).isEqualTo(3);
  }

  @Test
  void aRowBreakingTheApisRulesIsRejectedNamingItsColumn() {
    List<Outcome> outcomes = apply(
        row(2, "type", "ROBOT", "name", "R2", "country", "", "externalId", "X"),
        row(3, "type", "PERSON", "name", "", "country", "", "externalId", "Y"),
        row(4, "type", "COMPANY", "name", "Co", "country", "XX", "externalId", "Z"),
        row(5, "type", "COMPANY", "name", "Co", "country", "", "externalId", "W", "dateOfBirth", "1990-01-01"),
        row(6, "type", "PERSON", "name", "Pat", "country", "", "externalId", "V", "dateOfBirth", "30/04/1980"));

    assertThat(outcomes).containsExactly(
        Outcome.rejected("type", "must be one of PERSON, COMPANY"),
        Outcome.rejected("name", "is required"),
        Outcome.rejected("country", "must be an ISO 3166-1 alpha-2 code such as DE"),
        Outcome.rejected("dateOfBirth", "is for a PERSON only"),
        Outcome.rejected("dateOfBirth", "must be a date as 1980-04-30"));
    assertThat(db.dsl.fetchCount(PROFILES, PROFILES.ORG_ID.eq(orgId))).isZero();
  }
}
