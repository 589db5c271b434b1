package io.workerplatform.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where file bytes live. The default keeps them in a local directory; a bucket-backed store is
 * another implementation of {@link #write}, {@link #open} and {@link #delete}. Bytes go through
 * as streams: an export of hundreds of thousands of rows never sits in memory whole.
 */
public interface FileStorage {
  /** Writes the bytes of one key. */
  @FunctionalInterface
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Stores under {@code key} what {@code writer} writes. The key appears only once the writer
   * returned: a failed or interrupted write leaves nothing behind. A key is written once.
   */
  void write(String key, Writer writer) throws IOException;

  /** What a hashed write stored: its size in bytes and its hex SHA-256. */
  record Stored(long sizeBytes, String sha256) {}

  /** As {@link #write}, counting and hashing the bytes on their way to the storage. */
  default Stored writeHashed(String key, Writer writer) throws IOException {
    Stored[] stored = new Stored[1];
    write(key, out -> {
      HashingOutputStream hashing = new HashingOutputStream(out);
      writer.writeTo(hashing);
      hashing.close();
      stored[0] = new Stored(hashing.size(), hashing.sha256());
    });
    return stored[0];
  }

  /** The bytes under {@code key}, as a stream the caller closes. */
  InputStream open(String key) throws IOException;

  /** Deletes the bytes; deleting what is gone already is not an error. */
  void delete(String key) throws IOException;

  default void put(String key, byte[] content) throws IOException {
    write(key, out -> out.write(content));
  }

  default byte[] get(String key) throws IOException {
    try (InputStream in = open(key)) {
      return in.readAllBytes();
    }
  }
}
