package io.workerplatform.signatures;

/**
 * A provider call that failed. {@code permanent} when the provider refused the request itself (a
 * 4xx other than 408 and 429); the message names provider, operation and status, never the body,
 * which may quote signers' names and addresses.
 */
public class ProviderException extends RuntimeException {
  private final boolean permanent;

  public ProviderException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
