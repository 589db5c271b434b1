package io.workerplatform.cron;

import java.util.Map;

/** The job's name and its configured input (ids, numbers, flags: never personal data). */
public record CronJobInput(String job, Map<String, String> input) {}
