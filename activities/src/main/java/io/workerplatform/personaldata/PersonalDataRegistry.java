package io.workerplatform.personaldata;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The registered {@link PersonalData}: erases a contact's or a member's personal data everywhere
 * the platform keeps it (every one, in the reverse of the export order, inside the caller's
 * transaction), and gives the export its sections. Ids stay, so counts and links still add up.
 */
public final class PersonalDataRegistry {
  private final List<PersonalData> inErasureOrder;

  public PersonalDataRegistry(List<? extends PersonalData> registered) {
    this.inErasureOrder =
        registered.stream().sorted(Comparator.comparingInt(PersonalData::order).reversed()).map(p -> (PersonalData) p).toList();
  }

  /** Rows changed per kind. Call with {@code t} inside a transaction: it is all or nothing. */
  public Map<String, Long> eraseContacts(DSLContext t, List<String> contactIds, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (contactIds.isEmpty()) {
      return counts;
    }
    String[] ids = contactIds.toArray(String[]::new);
    inErasureOrder.forEach(data -> counts.putAll(data.eraseContacts(t, ids, now)));
    return counts;
  }

  /** Rows changed per kind. Call with {@code t} inside a transaction: it is all or nothing. */
  public Map<String, Long> eraseMember(DSLContext t, String orgId, String memberId, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    inErasureOrder.forEach(data -> counts.putAll(data.eraseMember(t, orgId, memberId, now)));
    return counts;
  }

  /** The registered ones in export order. */
  public List<PersonalData> inExportOrder() {
    return inErasureOrder.reversed();
  }
}
