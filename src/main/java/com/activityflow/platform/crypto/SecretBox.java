package com.activityflow.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept at rest (AES-256-GCM; the key is the SHA-256 of a passphrase from the
 * environment; a random IV is stored with each ciphertext). A box without a passphrase refuses
 * to work, with the name of the setting in the message.
 */
public final class SecretBox {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String setting;

  /**
   * @param passphrase the key material; blank leaves the box unusable
   * @param setting the environment variable that provides it, named in errors
   */
  public SecretBox(String passphrase, String setting) {
    this.key = passphrase == null || passphrase.isBlank() ? null : new SecretKeySpec(sha256(passphrase), "AES");
    this.setting = setting;
  }

  public boolean configured() {
    return key != null;
  }

  public String encrypt(String plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, iv));
      byte[] encrypted = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + encrypted.length).put(iv).put(encrypted).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a secret", e);
    }
  }

  public String decrypt(String stored) {
    try {
      byte[] all = Base64.getDecoder().decode(stored);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot decrypt a secret (was " + setting + " changed?)", e);
    }
  }

  private SecretKeySpec requireKey() {
    if (key == null) {
      throw new NotConfiguredException(setting);
    }
    return key;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Thrown when a secret must be stored or read while the key setting is empty. */
  public static final class NotConfiguredException extends IllegalStateException {
    private final String setting;

    NotConfiguredException(String setting) {
      super("Set " + setting + " to store secrets");
      this.setting = setting;
    }

    public String setting() {
      return setting;
    }
  }
}
