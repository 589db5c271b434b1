package io.workerplatform.email;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate chain made by the JDK's keytool, as SNS's is: a root that signs leaves issued to
 * a name, each with its private key (to sign messages as SNS would) and its PEM (as SNS serves it).
 */
final class SnsCertificates {
  record Leaf(PrivateKey key, byte[] pem) {}

  private static final String PASSWORD = "changeit";
  private final Path dir;
  private final Path store;
  private int leaves;

  SnsCertificates() throws Exception {
    dir = Files.createTempDirectory("sns-chain");
    store = dir.resolve("chain.p12");
    keytool("-genkeypair", "-alias", "root", "-dname", "CN=Test SNS Root", "-ext", "bc:c", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "30");
  }

  /**
   * A leaf issued to {@code name} by the root, valid for {@code days} from {@code startDate}
   * (keytool's form: {@code -2d}, or null for now).
   */
  Leaf leaf(String name, String startDate, int days) throws Exception {
    String alias = "leaf" + (++leaves);
    Path request = dir.resolve(alias + ".csr");
    Path pem = dir.resolve(alias + ".pem");
    keytool("-genkeypair", "-alias", alias, "-dname", "CN=" + name, "-keyalg", "RSA", "-keysize", "2048");
    keytool("-certreq", "-alias", alias, "-file", request.toString());
    List<String> issue = new ArrayList<>(List.of(
        "-gencert", "-alias", "root", "-infile", request.toString(), "-outfile", pem.toString(), "-rfc",
        "-validity", Integer.toString(days)));
    if (startDate != null) {
      issue.addAll(List.of("-startdate", startDate));
    }
    keytool(issue.toArray(String[]::new));
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD.toCharArray());
    }
    return new Leaf((PrivateKey) keyStore.getKey(alias, PASSWORD.toCharArray()), Files.readAllBytes(pem));
  }

  private void keytool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    command.addAll(List.of("-keystore", store.toString(), "-storepass", PASSWORD, "-storetype", "PKCS12"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
    }
  }
}
