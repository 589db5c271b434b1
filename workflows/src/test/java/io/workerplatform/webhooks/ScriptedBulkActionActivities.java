package io.workerplatform.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/** A bulk action over {@code matching} deliveries dlv_0001 ... in memory, recording each page applied. */
class ScriptedBulkActionActivities implements DeliveryBulkActionActivities {
  final List<String> matching;
  final int pageSize;
  final Duration pageInterval;
  final List<List<String>> applied = new CopyOnWriteArrayList<>();
  final List<String> finished = new CopyOnWriteArrayList<>();

  ScriptedBulkActionActivities(int matching, int pageSize, Duration pageInterval) {
    this.matching = IntStream.rangeClosed(1, matching).mapToObj(i -> String.format("dlv_%04d", i)).toList();
    this.pageSize = pageSize;
    this.pageInterval = pageInterval;
  }

  @Override
  public Plan plan(String actionId) {
    return new Plan(matching.size(), pageSize, pageInterval);
  }

  @Override
  public List<String> nextPage(String actionId, String afterDeliveryId, int limit) {
    List<String> page = new ArrayList<>();
    for (String id : matching) {
      if ((afterDeliveryId == null || id.compareTo(afterDeliveryId) > 0) && page.size() < limit) {
        page.add(id);
      }
    }
    return page;
  }

  @Override
  public PageResult apply(String actionId, List<String> deliveryIds) {
    applied.add(deliveryIds);
    // every third delivery changed meanwhile
    int skipped = (int) deliveryIds.stream().filter(id -> Integer.parseInt(id.substring(4)) % 3 == 0).count();
    return new PageResult(deliveryIds.get(deliveryIds.size() - 1), deliveryIds.size() - skipped, skipped);
  }

  @Override
  public void finish(String actionId) {
    finished.add(actionId);
  }
}
