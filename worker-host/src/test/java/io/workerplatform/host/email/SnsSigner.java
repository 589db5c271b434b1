package io.workerplatform.host.email;

import io.workerplatform.common.LocalHttpServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays SNS for the callback tests: a key pair and self-signed certificate made by the JDK's
 * keytool, the certificate served from a loopback HTTP server (as SNS serves its own), messages
 * signed as SNS signs them, and an endpoint that records subscription confirmations.
 */
final class SnsSigner implements AutoCloseable {
  private final PrivateKey key;
  private final LocalHttpServer server;
  final List<String> confirmations = new CopyOnWriteArrayList<>();

  SnsSigner() throws Exception {
    Path dir = Files.createTempDirectory("sns");
    Path store = dir.resolve("sns.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=sns.test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit")
            .redirectErrorStream(true)
            .start();
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      keyStore.load(in, "changeit".toCharArray());
    }
    key = (PrivateKey) keyStore.getKey("sns", "changeit".toCharArray());
    Certificate certificate = keyStore.getCertificate("sns");
    byte[] pem =
        ("-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n")
            .getBytes(StandardCharsets.US_ASCII);
    server =
        LocalHttpServer.start(
            request ->
                switch (request.path()) {
                  case "/SimpleNotificationService-test.pem" -> LocalHttpServer.Response.of(200, "application/x-pem-file", pem);
                  case "/confirm" -> {
                    confirmations.add(request.query());
                    yield LocalHttpServer.Response.of(200, "text/xml", "<ConfirmSubscriptionResponse/>".getBytes());
                  }
                  default -> LocalHttpServer.Response.text(404, "not found");
                });
  }

  String base() {
    return server.url("");
  }

  String certificateUrl() {
    return base() + "/SimpleNotificationService-test.pem";
  }

  String sign(String stringToSign) throws Exception {
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(stringToSign.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signature.sign());
  }

  @Override
  public void close() {
    server.close();
  }
}
