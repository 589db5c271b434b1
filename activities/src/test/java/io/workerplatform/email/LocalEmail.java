package io.workerplatform.email;

import io.workerplatform.common.PlatformPlugins;

import io.workerplatform.common.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The email capability as jobs use it in tests: the real AWS SDK against the local SES server, on
 * a test database, with no allow-list and a generous rate.
 */
public final class LocalEmail implements AutoCloseable {
  private final SesLocalServer ses;
  private final HoldingProxy proxy;
  private final SesV2Client client;
  private final EmailService emails;

  private LocalEmail(TestDatabase db, boolean behindProxy) {
    ses = SesLocalServer.start();
    proxy = behindProxy ? HoldingProxy.start(ses.endpoint()) : null;
    client =
        SesClients.create(
            proxy == null ? ses.endpoint() : proxy.endpoint(), "eu-west-1", "local", "local", 8, Duration.ofSeconds(20));
    EmailSettings settings = new EmailSettings("no-reply@platform.test", AllowList.parse(""), 1000, null);
    emails =
        new EmailService(
            new EmailStore(db.dsl, Clock.systemUTC(), db.suppressions()), new EmailTemplates(),
            new SesSender(client, settings), settings, PlatformPlugins.templateData(db.dsl));
  }

  public static LocalEmail start(TestDatabase db) {
    return new LocalEmail(db, false);
  }

  /** The same, reaching SES through a {@link HoldingProxy} that can hold its answers. */
  public static LocalEmail startBehindProxy(TestDatabase db) {
    return new LocalEmail(db, true);
  }

  /** The proxy in front of SES ({@link #startBehindProxy} only). */
  public HoldingProxy proxy() {
    return proxy;
  }

  public EmailService emails() {
    return emails;
  }

  /** What the local SES server received. */
  public SesLocalServer ses() {
    return ses;
  }

  @Override
  public void close() throws Exception {
    client.close();
    if (proxy != null) {
      proxy.close();
    }
    ses.close();
  }
}
