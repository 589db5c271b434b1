package io.workerplatform.signatures;

import java.util.List;

/**
 * An electronic signature provider. Implementations are plain HTTP clients of the provider's REST
 * API; the workflow never knows which one it talks to. A new provider is an implementation of this
 * interface plus its configuration entry.
 *
 * <p>Every method throws {@link ProviderException}: permanent for a refusal that retrying will not
 * change, transient otherwise.
 */
public interface SignatureProvider {

  /** The name requests use to choose this provider ({@code signaturit}, {@code docusign}). */
  String name();

  /** Creates the process and sends it to the signers; returns its id and one handle per signer. */
  CreatedProcess create(NewProcess process);

  void remind(ProcessRef process);

  /** Cancels the process; a process the provider already closed counts as cancelled. */
  void cancel(ProcessRef process);

  /** The provider's state of the process, as one of the workflow's states. */
  String state(ProcessRef process);

  /** The signed document (PDF), once the process completed. */
  byte[] downloadSigned(ProcessRef process);

  /** What a provider needs to create a process. {@code callbackToken} authenticates callbacks. */
  record NewProcess(
      String signatureRequestId,
      String title,
      Document document,
      List<Recipient> signers,
      String callbackBaseUrl,
      String callbackToken,
      int expiresInDays) {}

  record Document(String name, String contentType, byte[] content) {}

  record Recipient(String name, String email) {}

  /** The provider's process id, and its handle for each signer in the order they were given. */
  record CreatedProcess(String processId, List<String> signerRefs) {}

  record ProcessRef(String processId, List<String> signerRefs) {}
}
