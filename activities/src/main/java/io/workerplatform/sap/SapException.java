package io.workerplatform.sap;

/**
 * A call to an organization's SAP system that failed, classified: credentials refused ({@code
 * UNAUTHORIZED}), a failure that may pass ({@code TRANSIENT}: 5xx, 429, a timeout), or one that
 * will not ({@code PERMANENT}: the URL refused by the SSRF guard, another 4xx, an answer that is
 * not OData). Its message holds the operation and the status, never a body.
 */
public final class SapException extends RuntimeException {
  public enum Kind { UNAUTHORIZED, TRANSIENT, PERMANENT }

  private final Kind kind;

  public SapException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
