package io.workerplatform.petitions;

import static io.workerplatform.db.Tables.PETITIONS;

import io.workerplatform.email.TemplateData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * What petitions add to emails: {@code petition.title} when the message's context names a
 * {@code petitionId} (a message naming another organization's petition, or none, fails), and the
 * organization's open petitions ({@code openPetitions}, {@code openPetitionCount}) in the
 * {@code notification-digest} template.
 */
public class PetitionTemplateData implements TemplateData {
  static final String DIGEST = "notification-digest";
  private static final int OPEN_PETITIONS_SHOWN = 50;
  private final DSLContext dsl;

  public PetitionTemplateData(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public Part prepare(String orgId, String template, Map<String, String> context) {
    String petitionId = context.get("petitionId");
    Optional<String> title =
        petitionId == null || orgId == null ? Optional.empty() : PetitionStore.title(dsl, orgId, petitionId);
    if (petitionId != null && title.isEmpty()) {
      return Part.problem("petition " + petitionId + " does not exist in organization " + orgId);
    }
    boolean digest = DIGEST.equals(template);
    if (title.isEmpty() && !digest) {
      return Part.none();
    }
    return Part.adding((recipient, data) -> {
      title.ifPresent(t -> data.put("petition", Map.of("title", t)));
      if (digest) {
        List<Map<String, String>> open = openTitles(recipient.orgId()).stream().map(t -> Map.of("title", t)).toList();
        data.put("openPetitions", open);
        data.put("openPetitionCount", open.size());
      }
    });
  }

  private List<String> openTitles(String orgId) {
    return dsl.select(PETITIONS.TITLE)
        .from(PETITIONS)
        .where(PETITIONS.ORG_ID.eq(orgId))
        .and(PETITIONS.STATUS.eq("OPEN"))
        .orderBy(PETITIONS.CREATED_AT, PETITIONS.ID)
        .limit(OPEN_PETITIONS_SHOWN)
        .fetch(PETITIONS.TITLE);
  }
}
