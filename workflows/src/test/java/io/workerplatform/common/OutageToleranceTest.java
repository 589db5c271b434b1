package io.workerplatform.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.workerplatform.bulksends.BulkSendWorkflowImpl;
import io.workerplatform.cron.CronJobWorkflowImpl;
import io.workerplatform.events.DomainEventWorkflowImpl;
import io.workerplatform.gdpr.DataExportWorkflowImpl;
import io.workerplatform.gdpr.ErasureWorkflowImpl;
import io.workerplatform.notifications.NotificationEmailsWorkflowImpl;
import io.workerplatform.petitions.PetitionCloseWorkflowImpl;
import io.workerplatform.signatures.SignatureWorkflowImpl;
import io.workerplatform.webhooks.DeliveryBulkActionWorkflowImpl;
import io.workerplatform.webhooks.WebhookDeliveryWorkflowImpl;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every activity's retry settings outlast a PostgreSQL outage of an hour and look again at least
 * every 5 minutes, so the work resumes within 5 minutes of the database's return. Read from every
 * workflow's options constants, so that a new one is checked without being listed here; the few
 * that wait for the database another way name the test that proves it.
 */
class OutageToleranceTest {
  static final Duration OUTAGE = Duration.ofHours(1);

  /** Options whose outage is waited out elsewhere, and where that is proven. */
  static final Set<String> WAITED_OUT_ELSEWHERE = Set.of(
      // the job's activity waits for the database itself (DatabaseWait, 3 h): DatabaseWaitTest
      "CronJobWorkflowImpl.JOB",
      // an attempt that could not run waits on workflow timers for the outage tolerance:
      // WebhookDeliveryWorkflowTest.anAttemptThatCannotRunBecauseTheDatabaseIsDownIsRunAgainNotCounted
      "WebhookDeliveryWorkflowImpl.ATTEMPT_OPTIONS", "WebhookDeliveryWorkflowImpl.LOCAL_ATTEMPT_OPTIONS",
      "WebhookDeliveryWorkflowImpl.BRIEF_LOCAL_ATTEMPT_OPTIONS");
  // (A handler's retries are built from its own schedule, not a constant: they wait on workflow
  // timers, DomainEventWorkflowTest.aHandlerRetryWaitsOutAnHour....)

  static final List<Class<?>> WORKFLOWS = List.of(
      BulkSendWorkflowImpl.class, CronJobWorkflowImpl.class, DomainEventWorkflowImpl.class,
      DataExportWorkflowImpl.class, ErasureWorkflowImpl.class, NotificationEmailsWorkflowImpl.class,
      PetitionCloseWorkflowImpl.class, SignatureWorkflowImpl.class, DeliveryBulkActionWorkflowImpl.class,
      WebhookDeliveryWorkflowImpl.class, io.workerplatform.email.EmailWorkflowImpl.class,
      io.workerplatform.compliance.ComplianceRefreshWorkflowImpl.class, io.workerplatform.events.EventRetryWorkflowImpl.class);

  record Settings(Duration scheduleToClose, RetryOptions retry) {}

  static Map<String, Settings> allOptions() throws IllegalAccessException {
    Map<String, Settings> all = new LinkedHashMap<>();
    for (Class<?> workflow : WORKFLOWS) {
      for (Field field : workflow.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        Object value = field.get(null);
        String name = workflow.getSimpleName() + "." + field.getName();
        if (value instanceof ActivityOptions o) {
          all.put(name, new Settings(o.getScheduleToCloseTimeout(), o.getRetryOptions()));
        } else if (value instanceof LocalActivityOptions o) {
          all.put(name, new Settings(o.getScheduleToCloseTimeout(), o.getRetryOptions()));
        }
      }
    }
    return all;
  }

  /** How long the retries go on after the first failure (null: without end). */
  static Duration span(Settings s) {
    RetryOptions retry = s.retry() == null ? RetryOptions.getDefaultInstance() : s.retry();
    Duration byAttempts = null;
    if (retry.getMaximumAttempts() > 0) {
      byAttempts = Duration.ZERO;
      Duration wait = retry.getInitialInterval() == null ? Duration.ofSeconds(1) : retry.getInitialInterval();
      for (int i = 1; i < retry.getMaximumAttempts(); i++) {
        byAttempts = byAttempts.plus(wait);
        Duration next = Duration.ofMillis((long) (wait.toMillis() * retry.getBackoffCoefficient()));
        wait = retry.getMaximumInterval() != null && next.compareTo(retry.getMaximumInterval()) > 0 ? retry.getMaximumInterval() : next;
      }
    }
    Duration byTime = s.scheduleToClose() == null || s.scheduleToClose().isZero() ? null : s.scheduleToClose();
    if (byAttempts == null) {
      return byTime;
    }
    return byTime == null || byAttempts.compareTo(byTime) < 0 ? byAttempts : byTime;
  }

  static Duration longestWait(Settings s) {
    RetryOptions retry = s.retry() == null ? RetryOptions.getDefaultInstance() : s.retry();
    // Without a maximum the SDK caps the wait at 100 times the initial interval.
    Duration initial = retry.getInitialInterval() == null ? Duration.ofSeconds(1) : retry.getInitialInterval();
    return retry.getMaximumInterval() != null ? retry.getMaximumInterval() : initial.multipliedBy(100);
  }

  @Test
  void everyActivityRetriesThroughAnHourWithoutTheDatabaseAndLooksAgainAtLeastEveryFiveMinutes() throws Exception {
    Map<String, Settings> all = allOptions();
    assertThat(all).as("options constants found").hasSizeGreaterThan(12);
    SoftAssertions softly = new SoftAssertions();
    for (var entry : all.entrySet()) {
      if (WAITED_OUT_ELSEWHERE.contains(entry.getKey())) {
        continue;
      }
      Duration span = span(entry.getValue());
      if (span != null) {
        softly.assertThat(span).as(entry.getKey() + " retries for").isGreaterThan(OUTAGE.plus(Failures.MAX_RETRY_INTERVAL));
      }
      softly.assertThat(longestWait(entry.getValue())).as(entry.getKey() + " longest wait").isLessThanOrEqualTo(Failures.MAX_RETRY_INTERVAL);
    }
    softly.assertAll();
  }
}
