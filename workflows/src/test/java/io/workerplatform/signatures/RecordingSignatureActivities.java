package io.workerplatform.signatures;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records every call with its scheduled (workflow) time; calls can be held back by gates. */
class RecordingSignatureActivities implements SignatureActivities {
  record Call(String method, String signatureRequestId, Instant scheduledAt) {}

  final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  final List<SignatureStatus> finished = Collections.synchronizedList(new ArrayList<>());
  final List<String> signerIds;
  volatile String providerState = SignatureWorkflow.AWAITING_SIGNATURES;
  volatile boolean refuseCreate;
  volatile CountDownLatch holdCreate = new CountDownLatch(0);
  volatile CountDownLatch holdCancel = new CountDownLatch(0);
  volatile CountDownLatch holdStore = new CountDownLatch(0);

  RecordingSignatureActivities(String... signerIds) {
    this.signerIds = List.of(signerIds);
  }

  @Override
  public Created create(String signatureRequestId) {
    record("create", signatureRequestId);
    await(holdCreate);
    if (refuseCreate) {
      throw ApplicationFailure.newNonRetryableFailure("HTTP 400 from provider", PROVIDER_REFUSED);
    }
    return new Created("prov-" + signatureRequestId, signerIds);
  }

  @Override
  public void remind(String signatureRequestId) {
    record("remind", signatureRequestId);
  }

  @Override
  public void cancelAtProvider(String signatureRequestId) {
    record("cancelAtProvider", signatureRequestId);
    await(holdCancel);
  }

  @Override
  public String providerState(String signatureRequestId) {
    record("providerState", signatureRequestId);
    return providerState;
  }

  @Override
  public String storeSignedDocument(String signatureRequestId) {
    record("storeSignedDocument", signatureRequestId);
    await(holdStore);
    return "file-signed-" + signatureRequestId;
  }

  @Override
  public void finish(SignatureStatus status) {
    record("finish", status.signatureRequestId());
    finished.add(status);
  }

  List<String> methods() {
    synchronized (calls) {
      return calls.stream().map(Call::method).toList();
    }
  }

  List<Instant> times(String method) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.method().equals(method)).map(Call::scheduledAt).toList();
    }
  }

  private void record(String method, String id) {
    Instant scheduled =
        Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getScheduledTimestamp());
    calls.add(new Call(method, id, scheduled));
  }

  private static void await(CountDownLatch gate) {
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
