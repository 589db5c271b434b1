package io.workerplatform.bulksends;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCanceledException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk-send activities over an in-memory recipient list: records every batch and every recipient
 * sent, the most batches seen in flight at once, and the finish call. A recipient whose id ends in
 * "s" counts as suppressed, "k" as skipped, "f" as failed.
 */
class InMemoryBulkSendActivities implements BulkSendActivities {
  final TreeSet<String> recipients = new TreeSet<>();
  final BulkSendPlan plan;
  final long millisPerRecipient;
  final List<BatchRequest> batches = Collections.synchronizedList(new ArrayList<>());
  final List<String> sent = Collections.synchronizedList(new ArrayList<>());
  final List<FinishRequest> finished = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final ConcurrentHashMap<String, Boolean> cancelled = new ConcurrentHashMap<>();

  InMemoryBulkSendActivities(List<String> recipientIds, BulkSendPlan plan, long millisPerRecipient) {
    recipients.addAll(recipientIds);
    this.plan = plan;
    this.millisPerRecipient = millisPerRecipient;
  }

  @Override
  public BulkSendPlan prepare(String bulkSendId) {
    return plan;
  }

  @Override
  public Page nextPage(PageRequest request) {
    List<String> page =
        (request.afterContactId() == null ? recipients : recipients.tailSet(request.afterContactId(), false))
            .stream()
            .limit(request.pageSize())
            .toList();
    return page.isEmpty() ? new Page(null, 0) : new Page(page.get(page.size() - 1), page.size());
  }

  @Override
  public Counters sendBatch(BatchRequest request) {
    batches.add(request);
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      Counters counters = Counters.ZERO;
      var range =
          request.afterContactId() == null
              ? recipients.headSet(request.throughContactId(), true)
              : recipients.subSet(request.afterContactId(), false, request.throughContactId(), true);
      for (String id : range) {
        try {
          Activity.getExecutionContext().heartbeat(id);
        } catch (ActivityCanceledException e) {
          cancelled.put(request.throughContactId(), true);
          throw e;
        }
        sleep();
        sent.add(id);
        counters = counters.plus(outcomeOf(id));
      }
      return counters;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void sleep() {
    try {
      Thread.sleep(millisPerRecipient);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Counters finish(FinishRequest request) {
    finished.add(request);
    Counters counters = Counters.ZERO;
    for (String id : List.copyOf(sent)) {
      counters = counters.plus(outcomeOf(id));
    }
    return counters;
  }

  static Counters outcomeOf(String recipientId) {
    if (recipientId.endsWith("s")) {
      return new Counters(0, 0, 1, 0);
    }
    if (recipientId.endsWith("k")) {
      return new Counters(0, 1, 0, 0);
    }
    if (recipientId.endsWith("f")) {
      return new Counters(0, 0, 0, 1);
    }
    return new Counters(1, 0, 0, 0);
  }
}
