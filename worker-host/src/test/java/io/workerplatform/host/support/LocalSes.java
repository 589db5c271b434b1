package io.workerplatform.host.support;

import io.workerplatform.email.SesLocalServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a host under test at the local SES server. */
public final class LocalSes {
  private LocalSes() {}

  /** The SES endpoint and its (local) credentials. */
  public static void register(DynamicPropertyRegistry registry, SesLocalServer ses) {
    registry.add("platform.email.ses.endpoint", () -> ses.endpoint().toString());
    registry.add("platform.email.ses.access-key-id", () -> "local");
    registry.add("platform.email.ses.secret-access-key", () -> "local");
  }
}
