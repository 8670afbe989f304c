package com.activityflow.communication.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a thread is named in mail.
 *
 * <ul>
 *   <li>Outbound Message-IDs {@code af.<thread id>.<random>.<signature>@<domain>}: a reply's
 *       In-Reply-To/References lead back to the thread even before (or without) the sent mail
 *       being found in the log, and the HMAC-SHA256 signature (key from the environment) means
 *       nobody outside can forge an id that files a mail into a thread of their choice.
 *   <li>Subject tokens {@code [AF-XXXXXXXX]} (the thread's token, made by the thread's creator):
 *       survive clients that drop the headers, but are
 *       guessable and quotable, so they are trusted only for a sender of the thread's customer
 *       ({@link ThreadMatcher}).
 * </ul>
 */
public final class ThreadCodec {

  private static final Pattern TOKEN = Pattern.compile("\\[(AF-[0-9A-Z]{6,12})\\]", Pattern.CASE_INSENSITIVE);

  private static final Pattern SIGNED_ID =
      Pattern.compile("af\\.([0-9a-f-]{36})\\.([0-9a-f]{16})\\.([0-9a-f]{32})@.+", Pattern.CASE_INSENSITIVE);

  private final byte[] key;
  private final SecureRandom random = new SecureRandom();

  /** @param signingKey the secret; without one ({@code null} or blank) ids can be neither made nor verified */
  public ThreadCodec(String signingKey) {
    this.key = signingKey == null || signingKey.isBlank() ? null : signingKey.getBytes(StandardCharsets.UTF_8);
  }

  public boolean canSign() {
    return key != null;
  }

  /** A new Message-ID (without angle brackets) for a mail of the thread, sent from {@code domain}. */
  public String newMessageId(UUID threadId, String domain) {
    if (key == null) {
      throw new IllegalStateException("no mail signing key is configured");
    }
    byte[] nonce = new byte[8];
    random.nextBytes(nonce);
    String body = "af." + threadId + "." + HexFormat.of().formatHex(nonce);
    return body + "." + signature(body) + "@" + (domain == null || domain.isBlank() ? "localhost" : domain);
  }

  /** The thread of a Message-ID this application made, when its signature holds. */
  public Optional<UUID> verifiedThreadId(String messageId) {
    if (key == null || messageId == null) {
      return Optional.empty();
    }
    Matcher m = SIGNED_ID.matcher(messageId.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String body = "af." + m.group(1).toLowerCase(Locale.ROOT) + "." + m.group(2).toLowerCase(Locale.ROOT);
    byte[] expected = signature(body).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = m.group(3).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, actual)) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(m.group(1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The thread token (such as {@code AF-K7M2Q9XA}) quoted in a subject, upper-cased, if any. */
  public static Optional<String> tokenIn(String subject) {
    if (subject == null) {
      return Optional.empty();
    }
    Matcher m = TOKEN.matcher(subject);
    return m.find() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
  }

  /** The subject with the thread's token appended, unless it already carries it. */
  public static String withToken(String subject, String token) {
    String base = subject == null ? "" : subject.strip();
    if (tokenIn(base).filter(token::equalsIgnoreCase).isPresent()) {
      return base;
    }
    return (base.isEmpty() ? "" : base + " ") + "[" + token + "]";
  }

  /** A reply's subject: {@code Re: } once, and the token. */
  public static String replySubject(String subject, String token) {
    String base = subject == null ? "" : subject.strip();
    if (!base.regionMatches(true, 0, "Re:", 0, 3)) {
      base = "Re: " + base;
    }
    return withToken(base, token);
  }

  private String signature(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] full = mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
      // 128 bits in lower-case hex: survives servers and clients that change the case of ids
      return HexFormat.of().formatHex(full, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
