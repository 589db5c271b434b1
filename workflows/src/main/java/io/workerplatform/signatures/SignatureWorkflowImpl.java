package io.workerplatform.signatures;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * One signature request's life at the provider: created, awaited through signer events, callbacks
 * and reminders, expired or cancelled, its signed document stored. The activities' options and the
 * input's checks are {@link SignatureSteps}'.
 */
public class SignatureWorkflowImpl implements SignatureWorkflow {
  private static final Logger log = Workflow.getLogger(SignatureWorkflowImpl.class);

  /**
   * Version marker: from version 1 on, the provider is reminded at most once per interval and a
   * run continues as new when its history grows long. Runs recorded before keep their behaviour.
   */
  static final String BOUNDED = "bounded-reminders-and-history";

  /**
   * Events after which a waiting run continues as new. Every signal and callback adds to the
   * history; a real server terminates a run at 51,200 events. The run continues at its next wake-up
   * after this many, so it stays well under 2,000.
   */
  static final int CONTINUE_AS_NEW_AFTER_EVENTS = 1_000;

  private String id;
  private String state = CREATING;
  private final Map<String, String> signers = new LinkedHashMap<>();
  private final Set<String> signedEarly = new LinkedHashSet<>();
  private int remindersSent;
  private int remindersRequested;
  private Instant nextReminderAt;
  private Instant expiresAt;
  private int ignoredEvents;
  private String signedFileId;
  private String reason;

  /** The end decided by the first conclusive event; later events are counted, not acted on. */
  private String ending;

  private boolean cancelAtProvider;

  private boolean bounded;
  private Instant lastReminderAt;
  private int run = 1;

  @Override
  public SignatureStatus run(SignatureInput input) {
    SignatureSteps.validate(input);
    bounded = Workflow.getVersion(BOUNDED, Workflow.DEFAULT_VERSION, 1) >= 1;
    id = input.signatureRequestId();
    Instant startedAt;
    int scheduledReminders = 0;
    if (input.carry() == null) {
      startedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      Workflow.setCurrentDetails("Creating the process at the provider");
      try {
        SignatureActivities.Created created = SignatureSteps.activities(SignatureSteps.PROVIDER_CALL, "create at provider").create(id);
        created.signerIds().forEach(signer -> signers.put(signer, SIGNER_PENDING));
        signedEarly.forEach(this::markSigned);
      } catch (ActivityFailure e) {
        log.warn("Signature request {} could not be created at the provider", id, e);
        end(FAILED, "create failed: " + SignatureSteps.describe(e), false);
      }
    } else {
      SignatureInput.Carry carry = input.carry();
      startedAt = carry.startedAt();
      carry.signers().forEach(signer -> signers.put(signer.signerId(), signer.state()));
      scheduledReminders = carry.scheduledReminders();
      remindersSent = carry.remindersSent();
      lastReminderAt = carry.lastReminderAt();
      ignoredEvents += carry.ignoredEvents(); // plus any that arrived before this line ran
      run = carry.run();
    }
    expiresAt = startedAt.plus(Duration.ofDays(input.expiresInDays()));
    if (ending == null) {
      state = AWAITING_SIGNATURES;
      awaitConclusion(input, startedAt, scheduledReminders);
    }
    conclude();
    SignatureSteps.activities(SignatureSteps.RECORD, "record " + state).finish(status());
    Workflow.setCurrentDetails(details());
    return status();
  }

  private void awaitConclusion(SignatureInput input, Instant createdAt, int scheduledReminders) {
    int reminderEveryDays = input.reminderEveryDays();
    while (ending == null) {
      if (bounded && historyIsLong()) {
        List<SignatureStatus.Signer> carried = new ArrayList<>();
        signers.forEach((signer, signerState) -> carried.add(new SignatureStatus.Signer(signer, signerState)));
        Workflow.continueAsNew(
            new SignatureInput(
                id, input.orgId(), reminderEveryDays, input.expiresInDays(), input.minReminderInterval(),
                new SignatureInput.Carry(
                    createdAt, carried, scheduledReminders, remindersSent, lastReminderAt, ignoredEvents, run + 1)));
      }
      Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      if (!now.isBefore(expiresAt)) {
        expireUnlessDoneAtProvider();
        return;
      }
      nextReminderAt =
          reminderEveryDays == 0
              ? null
              : createdAt.plus(Duration.ofDays((long) reminderEveryDays * (scheduledReminders + 1)));
      if (nextReminderAt != null && !nextReminderAt.isBefore(expiresAt)) {
        nextReminderAt = null;
      }
      Instant wakeAt = nextReminderAt == null ? expiresAt : nextReminderAt;
      String timer = nextReminderAt == null ? "expiry" : "reminder " + (scheduledReminders + 1);
      Workflow.setCurrentDetails(details());
      boolean timerFired = sleepUntil(Duration.between(now, wakeAt), timer);
      if (ending != null) {
        return;
      }
      if (remindersRequested > 0 && !bounded) {
        remindersRequested--;
        remind("reminder requested");
      } else if (remindersRequested > 0) {
        // However many arrived: one reminder if the last is an interval ago, none otherwise.
        int requested = remindersRequested;
        remindersRequested = 0;
        boolean allowed = reminderAllowed(input.reminderInterval());
        ignoredEvents += allowed ? requested - 1 : requested;
        if (allowed) {
          remind("reminder requested");
        }
      }
      if (timerFired && nextReminderAt != null) {
        scheduledReminders++;
        if (!bounded || reminderAllowed(input.reminderInterval())) {
          remind("reminder " + scheduledReminders);
        }
      }
    }
  }

  /** Our expiry: unless the provider finished meanwhile (a lost callback), cancel there. */
  private void expireUnlessDoneAtProvider() {
    String atProvider;
    try {
      atProvider = SignatureSteps.activities(SignatureSteps.PROVIDER_CALL, "check the provider before expiring").providerState(id);
    } catch (ActivityFailure e) {
      atProvider = AWAITING_SIGNATURES;
    }
    switch (atProvider) {
      case COMPLETED, DECLINED, EXPIRED, CANCELLED ->
          end(atProvider, "found " + atProvider + " at the provider at expiry", false);
      default -> end(EXPIRED, "no conclusion before " + expiresAt, true);
    }
  }

  /** Sleeps until the timer fires (true) or an event needs handling (false). */
  private boolean sleepUntil(Duration delay, String summary) {
    Promise<?>[] timer = new Promise<?>[1];
    CancellationScope scope =
        Workflow.newCancellationScope(
            () ->
                timer[0] =
                    Workflow.newTimer(delay, TimerOptions.newBuilder().setSummary(summary).build()));
    scope.run();
    Workflow.await(
        () -> timer[0].isCompleted() || ending != null || remindersRequested > 0 || (bounded && historyIsLong()));
    if (timer[0].isCompleted()) {
      return true;
    }
    scope.cancel();
    return false;
  }

  private boolean historyIsLong() {
    return Workflow.getInfo().getHistoryLength() > CONTINUE_AS_NEW_AFTER_EVENTS
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private boolean reminderAllowed(Duration interval) {
    return lastReminderAt == null
        || !Instant.ofEpochMilli(Workflow.currentTimeMillis()).isBefore(lastReminderAt.plus(interval));
  }

  private void remind(String summary) {
    Instant at = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    try {
      SignatureSteps.activities(SignatureSteps.PROVIDER_CALL, summary).remind(id);
      remindersSent++;
      lastReminderAt = at;
    } catch (ActivityFailure e) {
      // A missed reminder is no reason to give up the request.
      log.warn("Reminder for signature request {} failed", id, e);
    }
  }

  private void conclude() {
    nextReminderAt = null;
    if (cancelAtProvider) {
      try {
        SignatureSteps.activities(SignatureSteps.PROVIDER_CALL, "cancel at provider").cancelAtProvider(id);
      } catch (ActivityFailure e) {
        reason = reason + "; cancelling at the provider failed: " + SignatureSteps.describe(e);
      }
    }
    if (COMPLETED.equals(ending)) {
      state = STORING_DOCUMENT;
      Workflow.setCurrentDetails("Storing the signed document");
      try {
        signedFileId = SignatureSteps.activities(SignatureSteps.DOWNLOAD, "store signed document").storeSignedDocument(id);
      } catch (ActivityFailure e) {
        ending = FAILED;
        reason = "signed document not stored: " + SignatureSteps.describe(e);
      }
    }
    state = ending;
  }

  @Override
  public void signed(SignerEvent event) {
    String signer = event == null ? null : event.signerId();
    if (ending != null || signer == null) {
      ignoredEvents++;
    } else if (state.equals(CREATING)) {
      signedEarly.add(signer);
    } else {
      markSigned(signer);
    }
  }

  private void markSigned(String signer) {
    if (!SIGNER_PENDING.equals(signers.get(signer))) {
      ignoredEvents++; // unknown signer, or signed twice
      return;
    }
    signers.put(signer, SIGNER_SIGNED);
    if (!signers.containsValue(SIGNER_PENDING)) {
      end(COMPLETED, null, false);
    }
  }

  @Override
  public void completed() {
    end(COMPLETED, null, false);
  }

  @Override
  public void declined(SignerEvent event) {
    if (ending == null && event != null && signers.containsKey(event.signerId())) {
      signers.put(event.signerId(), SIGNER_DECLINED);
    }
    end(DECLINED, "declined at the provider", false);
  }

  @Override
  public void expired() {
    end(EXPIRED, "expired at the provider", false);
  }

  @Override
  public void error(ProviderError error) {
    end(FAILED, "provider error: " + (error == null ? "unknown" : error.reason()), false);
  }

  @Override
  public void cancel() {
    // Even while the create call is in flight: once it returns there is a process to cancel.
    end(CANCELLED, "cancelled", true);
  }

  @Override
  public void remind() {
    if (ending == null) {
      remindersRequested++;
    } else {
      ignoredEvents++;
    }
  }

  private void end(String end, String why, boolean cancelThere) {
    if (ending != null) {
      ignoredEvents++;
      return;
    }
    ending = end;
    reason = why;
    cancelAtProvider = cancelThere;
  }

  @Override
  public SignatureStatus status() {
    List<SignatureStatus.Signer> list = new ArrayList<>();
    signers.forEach((signer, signerState) -> list.add(new SignatureStatus.Signer(signer, signerState)));
    return new SignatureStatus(
        id, state, list, remindersSent, nextReminderAt, expiresAt, ignoredEvents, signedFileId, reason);
  }

  private String details() {
    if (!state.equals(AWAITING_SIGNATURES)) {
      return state + (reason == null ? "" : " (" + reason + ")");
    }
    long signed = signers.values().stream().filter(SIGNER_SIGNED::equals).count();
    return "Awaiting signatures: " + signed + " of " + signers.size() + " signed; "
        + (nextReminderAt == null ? "no reminder due" : "next reminder " + nextReminderAt)
        + "; expires " + expiresAt + (run > 1 ? "; run " + run : "");
  }
}
