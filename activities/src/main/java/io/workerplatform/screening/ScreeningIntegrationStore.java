package io.workerplatform.screening;

import static io.workerplatform.db.Tables.SCREENING_INTEGRATIONS;

import io.workerplatform.common.Organizations;
import io.workerplatform.common.SecretBox;
import io.workerplatform.db.tables.records.ScreeningIntegrationsRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Each organization's screening provider settings: its API key stored sealed (read back only to
 * call the provider), its rate and fuzziness, and whether the provider refused the key.
 */
public class ScreeningIntegrationStore {
  public static final String ACTIVE = "ACTIVE";
  public static final String FAILED = "FAILED";

  /** The settings as the API shows them: never the key, only that one is set. */
  public record Integration(
      String orgId, int ratePerSecond, double fuzziness, String status, String failureReason, Instant failedAt,
      int version, Instant updatedAt) {}

  /** What a provider call needs. */
  public record Credentials(String apiKey, int ratePerSecond, double fuzziness, String status, int version) {}

  private final DSLContext dsl;
  private final SecretBox secrets;
  private final Clock clock;

  public ScreeningIntegrationStore(DSLContext dsl, SecretBox secrets, Clock clock) {
    this.dsl = dsl;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * Sets the organization's settings ({@code apiKey} null: keeps the key set before, if any);
   * it becomes {@code ACTIVE} again.
   *
   * @throws IllegalStateException when there is no key yet and none is given
   */
  public Integration put(String orgId, String apiKey, int ratePerSecond, double fuzziness) {
    OffsetDateTime now = now();
    return Organizations.writingFor(orgId, () -> dsl.transactionResult(c -> {
      DSLContext t = c.dsl();
      Optional<ScreeningIntegrationsRecord> before = t.selectFrom(SCREENING_INTEGRATIONS)
          .where(SCREENING_INTEGRATIONS.ORG_ID.eq(orgId)).forUpdate().fetchOptional();
      String sealed = apiKey != null ? secrets.seal(apiKey, orgId)
          : before.map(ScreeningIntegrationsRecord::getApiKeySealed).orElseThrow(() -> new IllegalStateException("no key"));
      int version = before.map(r -> r.getVersion() + 1).orElse(1);
      return t.insertInto(SCREENING_INTEGRATIONS)
          .set(SCREENING_INTEGRATIONS.ORG_ID, orgId)
          .set(SCREENING_INTEGRATIONS.API_KEY_SEALED, sealed)
          .set(SCREENING_INTEGRATIONS.RATE_PER_SECOND, ratePerSecond)
          .set(SCREENING_INTEGRATIONS.FUZZINESS, BigDecimal.valueOf(fuzziness))
          .set(SCREENING_INTEGRATIONS.STATUS, ACTIVE)
          .set(SCREENING_INTEGRATIONS.VERSION, version)
          .set(SCREENING_INTEGRATIONS.CREATED_AT, now)
          .set(SCREENING_INTEGRATIONS.UPDATED_AT, now)
          .onConflict(SCREENING_INTEGRATIONS.ORG_ID)
          .doUpdate()
          .set(SCREENING_INTEGRATIONS.API_KEY_SEALED, sealed)
          .set(SCREENING_INTEGRATIONS.RATE_PER_SECOND, ratePerSecond)
          .set(SCREENING_INTEGRATIONS.FUZZINESS, BigDecimal.valueOf(fuzziness))
          .set(SCREENING_INTEGRATIONS.STATUS, ACTIVE)
          .setNull(SCREENING_INTEGRATIONS.FAILURE_REASON)
          .setNull(SCREENING_INTEGRATIONS.FAILED_AT)
          .set(SCREENING_INTEGRATIONS.VERSION, version)
          .set(SCREENING_INTEGRATIONS.UPDATED_AT, now)
          .returning()
          .fetchSingle(ScreeningIntegrationStore::integration);
    }));
  }

  public Optional<Integration> find(String orgId) {
    return dsl.selectFrom(SCREENING_INTEGRATIONS).where(SCREENING_INTEGRATIONS.ORG_ID.eq(orgId))
        .fetchOptional(ScreeningIntegrationStore::integration);
  }

  /** The key in clear with the settings, to call the provider; empty without an integration. */
  public Optional<Credentials> credentials(String orgId) {
    return dsl.selectFrom(SCREENING_INTEGRATIONS).where(SCREENING_INTEGRATIONS.ORG_ID.eq(orgId)).fetchOptional(r ->
        new Credentials(secrets.open(r.getApiKeySealed(), orgId), r.getRatePerSecond(), r.getFuzziness().doubleValue(),
            r.getStatus(), r.getVersion()));
  }

  /**
   * Marks the integration {@code FAILED} with the reason, unless its settings changed since
   * {@code version} was read; true when this call marked it (so its admins are told once).
   */
  public boolean markFailed(String orgId, int version, String reason) {
    OffsetDateTime now = now();
    return dsl.update(SCREENING_INTEGRATIONS)
            .set(SCREENING_INTEGRATIONS.STATUS, FAILED)
            .set(SCREENING_INTEGRATIONS.FAILURE_REASON, reason)
            .set(SCREENING_INTEGRATIONS.FAILED_AT, now)
            .set(SCREENING_INTEGRATIONS.UPDATED_AT, now)
            .where(SCREENING_INTEGRATIONS.ORG_ID.eq(orgId))
            .and(SCREENING_INTEGRATIONS.VERSION.eq(version))
            .and(SCREENING_INTEGRATIONS.STATUS.eq(ACTIVE))
            .execute()
        == 1;
  }

  /** The organizations with an active integration, each with the local date of its last adverse-media rescreen. */
  public Map<String, LocalDate> activeAdverseMediaDates() {
    Map<String, LocalDate> dates = new HashMap<>();
    dsl.select(SCREENING_INTEGRATIONS.ORG_ID, SCREENING_INTEGRATIONS.ADVERSE_MEDIA_CHECKED_ON)
        .from(SCREENING_INTEGRATIONS)
        .where(SCREENING_INTEGRATIONS.STATUS.eq(ACTIVE))
        .forEach(r -> dates.put(r.value1(), r.value2()));
    return dates;
  }

  /** Records the local date of the organization's adverse-media rescreen. */
  public void adverseMediaChecked(String orgId, LocalDate localDate) {
    dsl.update(SCREENING_INTEGRATIONS).set(SCREENING_INTEGRATIONS.ADVERSE_MEDIA_CHECKED_ON, localDate)
        .where(SCREENING_INTEGRATIONS.ORG_ID.eq(orgId)).execute();
  }

  private static Integration integration(ScreeningIntegrationsRecord r) {
    return new Integration(r.getOrgId(), r.getRatePerSecond(), r.getFuzziness().doubleValue(), r.getStatus(),
        r.getFailureReason(), r.getFailedAt() == null ? null : r.getFailedAt().toInstant(), r.getVersion(),
        r.getUpdatedAt().toInstant());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
