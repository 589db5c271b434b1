package io.workerplatform.bulksends;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.ConnectionWait;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.email.EmailService;
import io.workerplatform.email.EmailState;
import io.workerplatform.email.SendEmailResult;
import java.util.List;

public class BulkSendActivitiesImpl implements BulkSendActivities {
  private final BulkSendStore store;
  private final EmailService emails;
  private final BulkSendSettings settings;
  private final PlatformMetrics metrics;

  public BulkSendActivitiesImpl(BulkSendStore store, EmailService emails, BulkSendSettings settings) {
    this(store, emails, settings, PlatformMetrics.none());
  }

  public BulkSendActivitiesImpl(
      BulkSendStore store, EmailService emails, BulkSendSettings settings, PlatformMetrics metrics) {
    this.metrics = metrics;
    this.store = store;
    this.emails = emails;
    this.settings = settings;
  }

  /** The dedupe key of one recipient's message: one message per recipient, ever. */
  public static String dedupeKey(String bulkSendId, String contactId) {
    return "bulk-send/" + bulkSendId + "/recipient/" + contactId;
  }

  @Override
  public BulkSendPlan prepare(String bulkSendId) {
    InvalidInput.requireText("bulkSendId", bulkSendId);
    int total = store.markRunning(bulkSendId);
    if (total < 0) {
      throw unknown(bulkSendId);
    }
    return new BulkSendPlan(total, settings.pageSize(), settings.window(), settings.continueAsNewAfterEvents());
  }

  @Override
  public Page nextPage(PageRequest request) {
    InvalidInput.requireText("bulkSendId", request.bulkSendId());
    return store.nextPage(request.bulkSendId(), request.afterContactId(), request.pageSize());
  }

  @Override
  public Counters sendBatch(BatchRequest request) {
    String bulkSendId = InvalidInput.requireText("bulkSendId", request.bulkSendId());
    InvalidInput.requireText("throughContactId", request.throughContactId());
    ActivityExecutionContext context = Activity.getExecutionContext();
    String[] current = {request.afterContactId()};
    // While a statement waits for a pooled connection the batch heartbeats too (the last recipient
    // reached as its details), so a busy pool does not make Temporal start a second attempt.
    return ConnectionWait.heartbeating(() -> context.heartbeat(current[0]), () -> {
      BulkSendStore.BulkSend bulkSend = store.find(bulkSendId).orElseThrow(() -> unknown(bulkSendId));
      List<String> contactIds = store.recipients(bulkSendId, request.afterContactId(), request.throughContactId());
      EmailService.BulkPage page =
          emails.bulkPage(
              bulkSendId, bulkSend.template(), bulkSend.petitionId(), contactIds, dedupeKey(bulkSendId, ""),
              EmailService.claimant(context.getInfo()));
      Counters counters = Counters.ZERO;
      for (String contactId : contactIds) {
        current[0] = contactId;
        // Throws once the workflow cancelled this batch: the sends before it stand, none follows.
        context.heartbeat(contactId);
        counters = counters.plus(send(page, contactId, () -> context.heartbeat(contactId)));
      }
      return counters;
    });
  }

  /** {@code heartbeat} goes on while the send waits for the rate limit and while SES answers. */
  private static Counters send(EmailService.BulkPage page, String contactId, Runnable heartbeat) {
    SendEmailResult result;
    try {
      result = page.send(contactId, heartbeat);
    } catch (EmailService.UnknownRecipientException erasedMeanwhile) {
      return new Counters(0, 0, 0, 1);
    }
    return switch (result.state()) {
      case EmailState.SENT -> new Counters(1, 0, 0, 0);
      case EmailState.SKIPPED_NOT_ALLOWED, EmailState.SKIPPED_ERASED -> new Counters(0, 1, 0, 0);
      case EmailState.SUPPRESSED -> new Counters(0, 0, 1, 0);
      default -> new Counters(0, 0, 0, 1);
    };
  }

  @Override
  public Counters finish(FinishRequest request) {
    InvalidInput.requireText("bulkSendId", request.bulkSendId());
    InvalidInput.requireText("status", request.status());
    BulkSendStore.Finished finished = store.finish(request.bulkSendId(), request.status());
    finished.newlyFinishedOrgId().ifPresent(orgId -> metrics.bulkSendEnded(orgId, request.status()));
    return finished.counters();
  }

  private static ApplicationFailure unknown(String bulkSendId) {
    return ApplicationFailure.newNonRetryableFailure(
        "bulk send " + bulkSendId + " does not exist", InvalidInput.TYPE, "bulkSendId");
  }
}
