package io.workerplatform.signatures;

import io.workerplatform.common.TaskQueues;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.events.EventStore;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.files.FileStore;
import io.workerplatform.files.FileStore.StoredFile;
import io.workerplatform.signatures.SignatureProvider.CreatedProcess;
import io.workerplatform.signatures.SignatureProvider.Document;
import io.workerplatform.signatures.SignatureProvider.NewProcess;
import io.workerplatform.signatures.SignatureProvider.ProcessRef;
import io.workerplatform.signatures.SignatureStore.Request;
import io.workerplatform.signatures.SignatureStore.Signer;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

public class SignatureActivitiesImpl implements SignatureActivities {
  private final PlatformMetrics metrics;
  /** Failure type of a provider that did not answer usefully; retried. */
  static final String PROVIDER_UNAVAILABLE = "SignatureProviderUnavailable";

  private final SignatureStore store;
  private final FileStore files;
  private final SignatureProviders providers;
  private final PlatformEvents events;
  private final String callbackBaseUrl;
  private final CallbackTokens callbackTokens;
  private final JsonMapper json;

  public SignatureActivitiesImpl(
      SignatureStore store, FileStore files, SignatureProviders providers, PlatformEvents events, String callbackBaseUrl,
      CallbackTokens callbackTokens, JsonMapper json) {
    this(store, files, providers, events, callbackBaseUrl, callbackTokens, json, PlatformMetrics.none());
  }

  public SignatureActivitiesImpl(
      SignatureStore store, FileStore files, SignatureProviders providers, PlatformEvents events, String callbackBaseUrl,
      CallbackTokens callbackTokens, JsonMapper json, PlatformMetrics metrics) {
    this.json = json;
    this.metrics = metrics;
    this.store = store;
    this.files = files;
    this.providers = providers;
    this.events = events;
    this.callbackBaseUrl = callbackBaseUrl;
    this.callbackTokens = callbackTokens;
  }

  @Override
  public Created create(String signatureRequestId) {
    Request request = load(signatureRequestId);
    List<String> signerIds = store.signers(request.id()).stream().map(Signer::contactId).toList();
    if (request.providerProcessId() != null) {
      return new Created(request.providerProcessId(), signerIds);
    }
    SignatureProvider provider = providers.get(request.provider());
    StoredFile file = files.find(request.orgId(), request.fileId()).orElseThrow();
    NewProcess process =
        new NewProcess(
            request.id(),
            store.title(request.id()),
            new Document(file.name(), file.contentType(), files.read(file.id())),
            store.recipients(request.id()),
            callbackBaseUrl,
            callbackTokens.tokenFor(request.id()),
            request.expiresInDays());
    // Counted before the call: a second count means a retry ran while the first call's outcome was
    // unknown, so the provider may hold a second process for this request.
    store.recordCreateAttempt(request.id());
    CreatedProcess created = call("create", () -> provider.create(process));
    store.recordProcess(request.id(), created.processId(), created.signerRefs());
    return new Created(created.processId(), signerIds);
  }

  @Override
  public void remind(String signatureRequestId) {
    Request request = load(signatureRequestId);
    if (request.providerProcessId() != null) {
      call("remind", () -> { providers.get(request.provider()).remind(ref(request)); return null; });
      store.recordReminder(request.id());
    }
  }

  @Override
  public void cancelAtProvider(String signatureRequestId) {
    Request request = load(signatureRequestId);
    if (request.providerProcessId() == null) {
      return; // never created there
    }
    SignatureProvider provider = providers.get(request.provider());
    try {
      provider.cancel(ref(request));
    } catch (ProviderException e) {
      // A provider refuses to cancel what it already closed: that is the outcome we wanted.
      if (!e.permanent() || SignatureWorkflow.AWAITING_SIGNATURES.equals(call("state", () -> provider.state(ref(request))))) {
        throw failure(e);
      }
    }
  }

  @Override
  public String providerState(String signatureRequestId) {
    Request request = load(signatureRequestId);
    if (request.providerProcessId() == null) {
      return SignatureWorkflow.AWAITING_SIGNATURES;
    }
    return call("state", () -> providers.get(request.provider()).state(ref(request)));
  }

  @Override
  public String storeSignedDocument(String signatureRequestId) {
    Request request = load(signatureRequestId);
    if (request.signedFileId() != null) {
      return request.signedFileId();
    }
    byte[] pdf = call("download", () -> providers.get(request.provider()).downloadSigned(ref(request)));
    StoredFile file = files.save(request.orgId(), "signed-" + request.id() + ".pdf", "application/pdf", pdf);
    return store.recordSignedFile(request.id(), file.id());
  }

  @Override
  public void finish(SignatureStatus status) {
    Request request = load(status.signatureRequestId());
    if (store.finish(status)) {
      metrics.signatureEnded(request.orgId(), status.state());
    }
    String state = status.state().toLowerCase(Locale.ROOT);
    ObjectNode data = json.createObjectNode();
    data.put("signatureRequestId", request.id())
        .put("petitionId", request.petitionId())
        .put("state", status.state())
        .put("signedFileId", status.signedFileId())
        .put("reason", status.reason());
    var signers = data.putArray("signers");
    status.signers().forEach(s -> signers.addObject().put("contactId", s.signerId()).put("state", s.state()));
    // One event per request and outcome; its ordering key keeps a request's events in order.
    events.publish(
        new EventStore.NewEvent(
            request.orgId(), "signature." + request.id() + "." + state, "signature." + state, data.toString(),
            request.id(), "signature-workflow", null, "signature/" + request.id()));
  }

  private Request load(String signatureRequestId) {
    return store
        .find(InvalidInput.requireText("signatureRequestId", signatureRequestId))
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "signatureRequestId " + signatureRequestId + " does not exist",
                    InvalidInput.TYPE,
                    "signatureRequestId"));
  }

  private ProcessRef ref(Request request) {
    List<String> refs = store.signers(request.id()).stream().map(Signer::providerSignerRef).toList();
    return new ProcessRef(request.providerProcessId(), refs);
  }

  /** A call to the provider's API, observed (a span of the activity's trace when tracing is on). */
  private <T> T call(String operation, Supplier<T> providerCall) {
    try {
      return metrics.observe("platform.signature.provider.request", TaskQueues.SIGNATURES, operation, providerCall);
    } catch (ProviderException e) {
      throw failure(e);
    }
  }

  private static ApplicationFailure failure(ProviderException e) {
    return e.permanent()
        ? ApplicationFailure.newNonRetryableFailure(e.getMessage(), PROVIDER_REFUSED)
        : ApplicationFailure.newFailure(e.getMessage(), PROVIDER_UNAVAILABLE);
  }
}
