package io.workerplatform.reports;

import io.workerplatform.common.Hashes;
import java.time.Instant;

/**
 * The link a report's recipient downloads it with ({@code /links/reports/<id>?member=&expires=&signature=}):
 * members have no API key, so the link carries an HMAC of the report, the member and the expiry
 * with the platform's callback key (under its own prefix). Nothing is stored: a database dump
 * reveals no link, and a changed expiry or member breaks the signature.
 */
public final class ReportLinks {
  public static final String PATH = "/links/reports/";

  private final byte[] key;
  private final String baseUrl;

  public ReportLinks(byte[] key, String baseUrl) {
    this.key = key.clone();
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public String url(String reportId, String memberId, Instant expiresAt) {
    long expires = expiresAt.getEpochSecond();
    return baseUrl + PATH + reportId + "?member=" + memberId + "&expires=" + expires + "&signature="
        + signature(reportId, memberId, expires);
  }

  /** Whether {@code signature} is this platform's for the report, member and expiry (in constant time). */
  public boolean signed(String reportId, String memberId, long expires, String signature) {
    return Hashes.sameToken(signature, signature(reportId, memberId, expires));
  }

  private String signature(String reportId, String memberId, long expires) {
    return Hashes.hmacToken(key, "report-link/" + reportId + "/" + memberId + "/" + expires);
  }
}
