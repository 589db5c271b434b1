package io.workerplatform.screening;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Profile-search activities over an in-memory profile list: a profile whose id ends in "h" has
 * hits, one ending in "f" fails, one ending in "x" makes the provider refuse the key. Records the
 * profiles screened, the batches and the finish call.
 */
class InMemoryProfileSearchActivities implements ProfileSearchActivities {
  final TreeSet<String> pending = new TreeSet<>();
  final SearchPlan plan;
  final long millisPerProfile;
  final List<String> screened = Collections.synchronizedList(new ArrayList<>());
  final List<BatchRequest> batches = Collections.synchronizedList(new ArrayList<>());
  final List<FinishRequest> finished = Collections.synchronizedList(new ArrayList<>());

  InMemoryProfileSearchActivities(List<String> profileIds, SearchPlan plan, long millisPerProfile) {
    pending.addAll(profileIds);
    this.plan = plan;
    this.millisPerProfile = millisPerProfile;
  }

  static List<String> profiles(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add(String.format("p%03d", i) + (i % 5 == 0 ? "h" : i % 7 == 0 ? "f" : ""));
    }
    return ids;
  }

  @Override
  public SearchPlan prepare(String screeningId) {
    return plan;
  }

  @Override
  public SearchCounters screenBatch(BatchRequest request) {
    batches.add(request);
    SearchCounters counters = SearchCounters.ZERO;
    for (int i = 0; i < request.batchSize(); i++) {
      String id;
      synchronized (pending) {
        if (pending.isEmpty()) {
          break;
        }
        id = pending.first();
      }
      Activity.getExecutionContext().heartbeat(id); // a cancel surfaces here
      if (id.endsWith("x")) {
        throw ApplicationFailure.newNonRetryableFailure("provider refused the key", UNAUTHORIZED);
      }
      try {
        Thread.sleep(millisPerProfile);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Activity.wrap(e);
      }
      synchronized (pending) {
        pending.remove(id);
      }
      screened.add(id);
      counters = counters.plus(new SearchCounters(1, id.endsWith("h") ? 1 : 0, id.endsWith("f") ? 1 : 0));
    }
    return counters;
  }

  @Override
  public SearchCounters finish(FinishRequest request) {
    finished.add(request);
    int withHits = (int) screened.stream().filter(id -> id.endsWith("h")).count();
    int failed = (int) screened.stream().filter(id -> id.endsWith("f")).count();
    return new SearchCounters(screened.size(), withHits, failed);
  }
}
