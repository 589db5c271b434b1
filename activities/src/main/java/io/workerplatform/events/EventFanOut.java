package io.workerplatform.events;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertResultStep;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.TableLike;

/**
 * A capability's reaction to an event as it is stored, inside the publishing statement (the webhook
 * capability's deliveries): an event for now is inserted together with what this creates, in one
 * statement, and the publish answers with the new ids. Registered as a bean; without one, events
 * are stored alone.
 */
public interface EventFanOut {
  /**
   * The insert of what an event creates, for each row of {@code events} (whose column {@code
   * eventId} is the event's platform id), returning the new ids as {@code idAs}. Storing the event
   * again must create nothing new.
   */
  InsertResultStep<Record1<String>> insert(
      TableLike<? extends Record> events, Field<String> eventId, Field<String> orgId, Field<String> type,
      Field<OffsetDateTime> now, String idAs);

  /** The ids an event's store created, for a publish of the same event again. */
  List<String> created(DSLContext dsl, String orgId, String eventId);
}
