package io.workerplatform.common;


/**
 * The platform's own capabilities' task queues, one per capability, so each can be scaled,
 * rate-limited and paused on its own. A capability outside this list names its queue in its
 * workflow interface; the host serves every queue a {@code CapabilityWorkers} bean registers.
 */
public final class TaskQueues {
  public static final String WEBHOOKS = "webhooks";
  public static final String EMAIL = "email";
  public static final String BULK_SEND = "bulk-send";
  public static final String SIGNATURES = "signatures";
  public static final String GDPR = "gdpr";
  public static final String EVENTS = "events";
  public static final String EVENTS_LOW_PRIORITY = "events-low-priority";
  public static final String CRON = "cron";
  /** Petitions' durable timers (closing). */
  public static final String PETITIONS = "petitions";
  /** Members' notification emails, sent apart from the events that caused them. */
  public static final String NOTIFICATIONS = "notifications";

  private TaskQueues() {}
}
