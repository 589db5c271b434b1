package io.workerplatform.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Keeps files under one directory; each is written to a temporary name and moved into place. */
public class LocalDirectoryFileStorage implements FileStorage {
  private final Path root;

  public LocalDirectoryFileStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public void write(String key, Writer writer) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
        writer.writeTo(out);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(resolve(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  /** Keys are ours ({@code <orgId>/<fileId>}), but a key escaping the root is refused anyway. */
  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("file key outside the storage directory: " + key);
    }
    return path;
  }
}
