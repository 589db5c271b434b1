package io.workerplatform.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes on while counting them and computing their SHA-256, for streamed writes. */
public final class HashingOutputStream extends FilterOutputStream {
  private final MessageDigest digest;
  private long size;

  public HashingOutputStream(OutputStream out) {
    super(out);
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    digest.update((byte) b);
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    digest.update(b, off, len);
    size += len;
  }

  /** Leaves the stream under it open: the storage closes it. */
  @Override
  public void close() throws IOException {
    flush();
  }

  public long size() {
    return size;
  }

  /** Hex SHA-256 of what was written; read once, after the last write. */
  public String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
