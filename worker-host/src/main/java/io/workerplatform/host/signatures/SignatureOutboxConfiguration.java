package io.workerplatform.host.signatures;

import static io.workerplatform.db.Tables.SIGNATURE_REQUESTS;

import io.workerplatform.common.TaskQueues;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.outbox.Outbox;
import io.workerplatform.signatures.SignatureInput;
import io.workerplatform.signatures.SignatureStore;
import io.workerplatform.starters.Signatures;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signature requests' outbox: how a stored request's workflow starts. */
@Configuration(proxyBeanMethods = false)
class SignatureOutboxConfiguration {
  /** Signature requests left unstarted, and the start after a request commits. */
  @Bean
  OutboxSource signatureOutbox(Signatures signatures, SignatureProperties properties, Outbox outbox) {
    return new OutboxSource("signature request(s)", TaskQueues.SIGNATURES, SignatureStore.OUTBOX,
        row -> signatures.start(
            row.get(SIGNATURE_REQUESTS.ORG_ID),
            row.get(SIGNATURE_REQUESTS.PETITION_ID),
            new SignatureInput(row.get(SIGNATURE_REQUESTS.ID), row.get(SIGNATURE_REQUESTS.ORG_ID),
                row.get(SIGNATURE_REQUESTS.REMINDER_EVERY_DAYS), row.get(SIGNATURE_REQUESTS.EXPIRES_IN_DAYS),
                properties.minReminderInterval(), null)),
        outbox);
  }
}
