package io.workerplatform.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets the platform must use in clear (webhook signing secrets) are stored sealed: AES-256-GCM
 * under the current key, with the row they belong to as associated data (a sealed value copied to
 * another row does not open), as {@code enc:v1:<key id>:<base64url(nonce, ciphertext)>}. The key
 * id is derived from the key, so rotating is: configure the new key, keep the old one among the
 * previous keys until every row was sealed again ({@link #isCurrent}).
 */
public final class SecretBox {
  private static final String PREFIX = "enc:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String currentId;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

  public SecretBox(byte[] currentKey, List<byte[]> previousKeys) {
    this.currentId = add(currentKey);
    previousKeys.forEach(this::add);
  }

  private String add(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a secrets key is 32 bytes (AES-256), not " + key.length);
    }
    String id = keyId(key);
    keys.putIfAbsent(id, new SecretKeySpec(key.clone(), "AES"));
    return id;
  }

  /** The first 8 hex digits of the key's SHA-256: names the key, reveals nothing of it. */
  static String keyId(byte[] key) {
    return HexFormat.of().formatHex(Hashes.sha256(key), 0, 4);
  }

  public String seal(String secret, String context) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return PREFIX + currentId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a secret", e);
    }
  }

  /**
   * The secret in clear. A value that is not sealed (a row written before secrets were sealed, not
   * yet sealed at start-up) is returned as it is.
   *
   * @throws IllegalStateException when its key is not configured or it does not open (tampered,
   *     or moved to another row)
   */
  public String open(String stored, String context) {
    if (stored == null) {
      return null;
    }
    if (!isSealed(stored)) {
      // Never "as it is": whoever can write the database would choose the secret it signs with.
      throw new NotSealedException();
    }
    String[] parts = stored.substring(PREFIX.length()).split(":", 2);
    SecretKeySpec key = keys.get(parts[0]);
    if (key == null) {
      throw new UnknownKeyException(parts[0]);
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(parts[1]);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a sealed secret does not open", e);
    }
  }

  /** A secret sealed with a key this process does not have (not current, not among the previous). */
  public static final class UnknownKeyException extends IllegalStateException {
    private final String keyId;

    UnknownKeyException(String keyId) {
      super("secret sealed with key " + keyId + ", which is not configured (PLATFORM_SECRETS_PREVIOUS_KEYS)");
      this.keyId = keyId;
    }

    public String keyId() {
      return keyId;
    }
  }

  /** A stored secret in clear: refused, not used (written into the database by other means). */
  public static final class NotSealedException extends IllegalStateException {
    NotSealedException() {
      super("a stored secret is not sealed: refused (it was not written by the platform; give the row a new secret)");
    }
  }

  /** What every sealed value starts with, whatever its key. */
  public static String sealedPrefix() {
    return PREFIX;
  }

  public static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /** Whether the value is sealed under the current key (else it is sealed again at start-up). */
  public boolean isCurrent(String stored) {
    return stored != null && stored.startsWith(currentPrefix());
  }

  /** What every value sealed under the current key starts with. */
  public String currentPrefix() {
    return PREFIX + currentId + ":";
  }
}
