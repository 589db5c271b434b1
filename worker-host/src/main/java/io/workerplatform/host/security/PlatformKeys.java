package io.workerplatform.host.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves the platform's secret keys: configured, or (embedded mode only) generated once. */
public final class PlatformKeys {
  private static final Logger log = LoggerFactory.getLogger(PlatformKeys.class);
  static final int MIN_BYTES = 32;

  private final Path directory;
  private final boolean embedded;

  PlatformKeys(KeysProperties properties, String mode, String databaseUrl, String schema) {
    this.directory = directory(properties.directory(), databaseUrl, schema);
    this.embedded = "embedded".equals(mode);
  }

  /**
   * Where embedded mode keeps the keys it generated: the configured directory, or one per user and
   * database, {@code ~/.worker-platform/keys/<host>-<port>-<database>-<schema>}, so that every way
   * of running the platform against the same database (the jar from the repository root, the
   * Maven plugin from {@code worker-host/}, a second clone) finds the same keys. Before, the
   * default was {@code data/keys} under the working directory: a second working directory
   * generated a second set, and the secrets sealed with the first no longer opened.
   */
  static Path directory(String configured, String databaseUrl, String schema) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String database = databaseUrl == null ? "default" : databaseUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[?].*$", "");
    String name = (database + "-" + schema).replaceAll("[^A-Za-z0-9._-]+", "-");
    return Path.of(System.getProperty("user.home"), ".worker-platform", "keys", name);
  }

  /**
   * The key {@code configured} (base64), or in embedded mode the one kept in the directory under
   * {@code name}, generated the first time.
   */
  public byte[] resolve(String name, String variable, String configured) {
    if (configured != null && !configured.isBlank()) {
      return decode(variable, configured);
    }
    if (!embedded) {
      throw new IllegalStateException(
          variable + " is not set: in remote mode every host must share it. Generate one with: openssl rand -base64 32");
    }
    return kept(name);
  }

  /** A configured key: base64 of at least 32 bytes. */
  public byte[] decode(String variable, String configured) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(configured.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(variable + " is not base64; generate one with: openssl rand -base64 32");
    }
    if (key.length < MIN_BYTES) {
      throw new IllegalStateException(
          variable + " must hold at least " + MIN_BYTES + " bytes; generate one with: openssl rand -base64 32");
    }
    return key;
  }

  private byte[] kept(String name) {
    Path file = directory.resolve(name + ".key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(directory);
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        try {
          Files.writeString(
              Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
              Base64.getEncoder().encodeToString(key), StandardOpenOption.WRITE);
          log.info("Generated the {} key under {} (embedded mode)", name, directory.toAbsolutePath());
        } catch (FileAlreadyExistsException another) {
          // another process generated it at the same moment: use theirs
        }
      }
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the " + name + " key under " + directory, e);
    }
  }
}
