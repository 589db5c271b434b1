package io.workerplatform.host.cron;

import io.workerplatform.common.Page;
import io.workerplatform.host.cron.CronJobs.JobView;
import io.workerplatform.host.cron.CronJobs.RunStarted;
import io.workerplatform.host.cron.CronJobs.RunView;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/cron}: the configured jobs, their runs, a run now, pause and resume (admin token). */
@RestController
class CronApi {
  private final CronJobs jobs;

  CronApi(CronJobs jobs) {
    this.jobs = jobs;
  }

  @GetMapping("/api/cron")
  List<JobView> list() {
    return jobs.list();
  }

  @GetMapping("/api/cron/{name}")
  JobView get(@PathVariable String name) {
    return jobs.get(name);
  }

  /** The job's runs, newest first (scheduled and manual). */
  @GetMapping("/api/cron/{name}/runs")
  Page<RunView> runs(
      @PathVariable String name, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return jobs.runs(name, limit, cursor);
  }

  /** See {@link CronJobs#pause}. */
  @PostMapping("/api/cron/{name}/pause")
  JobView pause(@PathVariable String name) {
    return jobs.pause(name);
  }

  /** See {@link CronJobs#resume}: 409 for a job disabled in configuration. */
  @PostMapping("/api/cron/{name}/resume")
  JobView resume(@PathVariable String name) {
    return jobs.resume(name);
  }

  /** One run now, beside the schedule (409 while a run of the job is running). */
  @PostMapping("/api/cron/{name}/run")
  ResponseEntity<RunStarted> run(@PathVariable String name) {
    return ResponseEntity.accepted().body(jobs.run(name));
  }
}
