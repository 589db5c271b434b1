package io.workerplatform.host.signature;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.host.webhook.WebhookProperties;
import io.workerplatform.signature.SignatureInput;
import io.workerplatform.signature.SignatureStore;
import io.workerplatform.signature.SignatureStore.Request;
import io.workerplatform.starters.Signatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Starts the signature requests stored while Temporal was unreachable (as the webhook relay). */
@Component
class SignatureRelay {
  private static final Logger log = LoggerFactory.getLogger(SignatureRelay.class);

  private final SignatureStore store;
  private final Signatures signatures;
  private final WebhookProperties relay;

  SignatureRelay(SignatureStore store, Signatures signatures, WebhookProperties relay) {
    this.store = store;
    this.signatures = signatures;
    this.relay = relay;
  }

  /** Starts the request's workflow; a second start finds it running and changes nothing. */
  static void start(Signatures signatures, Request request) {
    signatures.start(
        request.orgId(),
        request.petitionId(),
        new SignatureInput(request.id(), request.orgId(), request.reminderEveryDays(), request.expiresInDays()));
  }

  @Scheduled(
      fixedDelayString = "${platform.webhooks.relay-interval:30s}",
      initialDelayString = "${platform.webhooks.relay-interval:30s}")
  void relay() {
    try {
      for (Request request : store.unstarted(relay.relayGrace(), 100)) {
        start(signatures, request);
        store.markStarted(request.id());
        log.info("Relay: started signature request {} left unstarted", request.id());
      }
    } catch (WorkflowServiceException e) {
      log.warn("Relay: Temporal still unreachable, will retry: {}", e.getMessage());
    }
  }
}
