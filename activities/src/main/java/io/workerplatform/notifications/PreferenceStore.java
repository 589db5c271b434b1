package io.workerplatform.notifications;

import static io.workerplatform.db.Tables.MEMBER_NOTIFICATION_PREFERENCES;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Members' own choices of notification channels, by event type (a type left to the role: no row). */
public class PreferenceStore {
  private final DSLContext dsl;

  public PreferenceStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The choices that those of {@code memberIds} made for {@code eventType}, by member. */
  public Map<String, List<String>> choicesFor(String eventType, Collection<String> memberIds) {
    return dsl.select(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID, MEMBER_NOTIFICATION_PREFERENCES.CHANNELS)
        .from(MEMBER_NOTIFICATION_PREFERENCES)
        .where(MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE.eq(eventType))
        .and(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.in(memberIds))
        .fetchMap(r -> r.value1(), r -> List.of(r.value2()));
  }

  /** The member's own choices of channels, by event type (types it left to its role: absent). */
  public Map<String, List<String>> own(String memberId) {
    Map<String, List<String>> own = new LinkedHashMap<>();
    dsl.select(MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE, MEMBER_NOTIFICATION_PREFERENCES.CHANNELS)
        .from(MEMBER_NOTIFICATION_PREFERENCES)
        .where(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.eq(memberId))
        .orderBy(MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE)
        .forEach(r -> own.put(r.value1(), List.of(r.value2())));
    return own;
  }

  /** Replaces the member's own choices with {@code choices}, in one transaction. */
  public void replace(String orgId, String memberId, Map<String, List<String>> choices) {
    dsl.transaction(tx -> {
      tx.dsl().deleteFrom(MEMBER_NOTIFICATION_PREFERENCES)
          .where(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.eq(memberId))
          .execute();
      choices.forEach((type, channels) ->
          tx.dsl().insertInto(MEMBER_NOTIFICATION_PREFERENCES)
              .set(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID, memberId)
              .set(MEMBER_NOTIFICATION_PREFERENCES.ORG_ID, orgId)
              .set(MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE, type)
              .set(MEMBER_NOTIFICATION_PREFERENCES.CHANNELS, channels.toArray(String[]::new))
              .execute());
    });
  }
}
