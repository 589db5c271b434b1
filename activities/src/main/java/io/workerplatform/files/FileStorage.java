package io.workerplatform.files;

import java.io.IOException;

/**
 * Where file bytes live. The default keeps them in a local directory; a bucket-backed store is
 * another implementation of these two methods.
 */
public interface FileStorage {
  /** Stores the bytes under {@code key}, replacing nothing: a key is written once. */
  void put(String key, byte[] content) throws IOException;

  byte[] get(String key) throws IOException;

  /** Deletes the bytes; deleting what is gone already is not an error. */
  void delete(String key) throws IOException;
}
