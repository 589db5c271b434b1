package io.workerplatform.cron;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs scripted outcomes: the n-th run fails when its script entry is false. */
class RecordingCronActivities implements CronActivities {
  final List<CronRun> started = Collections.synchronizedList(new ArrayList<>());
  final List<CronRunResult> recorded = Collections.synchronizedList(new ArrayList<>());
  private final List<Boolean> script;
  private final AtomicInteger runs = new AtomicInteger();

  RecordingCronActivities(Boolean... script) {
    this.script = List.of(script);
  }

  @Override
  public Map<String, Long> runJob(CronRun run) {
    started.add(run);
    int n = runs.getAndIncrement();
    if (n < script.size() && !script.get(n)) {
      throw ApplicationFailure.newNonRetryableFailure("job blew up", "JobFailed");
    }
    return Map.of("rows", 10L + n);
  }

  @Override
  public void recordOutcome(CronRun run, CronRunResult result) {
    recorded.add(result);
  }
}
