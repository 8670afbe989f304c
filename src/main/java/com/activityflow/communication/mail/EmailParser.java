package com.activityflow.communication.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads a raw RFC 5322 message with Jakarta Mail into a {@link ParsedEmail}.
 *
 * <p>It never throws: a header or part that cannot be read marks the message malformed with the
 * first error and the rest is still read, so one broken mail is logged (flagged, raw source
 * kept) instead of being dropped or stopping the mailbox. Headers may be RFC 2047 encoded or raw
 * UTF-8 (RFC 6532); bodies are decoded by their declared charset, falling back to UTF-8.
 */
@Component
public class EmailParser {

  /** Forwarded mails inside forwarded mails are parsed this deep; deeper ones stay attachments. */
  private static final int MAX_NESTING = 3;

  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");

  private final Session session;

  public EmailParser() {
    Properties properties = new Properties();
    properties.setProperty("mail.mime.allowutf8", "true");
    properties.setProperty("mail.mime.address.strict", "false");
    properties.setProperty("mail.mime.decodetext.strict", "false");
    properties.setProperty("mail.mime.decodeparameters", "true");
    this.session = Session.getInstance(properties);
  }

  public ParsedEmail parse(byte[] raw) {
    return parse(raw, 0);
  }

  private ParsedEmail parse(byte[] raw, int depth) {
    Reading r = new Reading();
    MimeMessage message;
    try {
      message = new MimeMessage(session, new ByteArrayInputStream(raw));
    } catch (MessagingException | RuntimeException e) {
      r.fail("the message cannot be read: " + describe(e));
      return r.result();
    }
    readHeaders(message, r);
    try {
      walk(message, r, depth);
    } catch (MessagingException | IOException | RuntimeException e) {
      r.fail("the body cannot be read: " + describe(e));
    }
    return r.result();
  }

  private void readHeaders(MimeMessage m, Reading r) {
    try {
      r.messageId = firstId(m.getHeader("Message-ID", null));
      r.inReplyTo = firstId(m.getHeader("In-Reply-To", null));
      r.references = ids(m.getHeader("References", " "));
    } catch (MessagingException e) {
      r.fail("the message id headers cannot be read: " + describe(e));
    }
    try {
      String subject = m.getSubject();
      r.subject = subject == null ? null : Text.clean(subject).replace('\n', ' ').strip();
    } catch (MessagingException e) {
      r.fail("the subject cannot be read: " + describe(e));
    }
    try {
      Date sent = m.getSentDate();
      r.sentAt = sent == null ? null : sent.toInstant();
    } catch (MessagingException e) {
      r.fail("the date cannot be read: " + describe(e));
    }
    List<MailAddress> from = addresses(m, "From", r);
    if (from.isEmpty()) {
      r.fail("the message has no valid sender (From header)");
    } else {
      r.from = from.get(0);
    }
    r.to = addresses(m, "To", r);
    r.cc = addresses(m, "Cc", r);
  }

  private List<MailAddress> addresses(MimeMessage m, String header, Reading r) {
    List<MailAddress> result = new ArrayList<>();
    try {
      String value = m.getHeader(header, ",");
      if (value == null || value.isBlank()) {
        return result;
      }
      for (Address a : InternetAddress.parseHeader(value, false)) {
        if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) {
          result.add(new MailAddress(ia.getAddress(), decode(ia.getPersonal())));
        }
      }
    } catch (AddressException e) {
      r.fail("the " + header + " header is not a valid address list: " + describe(e));
    } catch (MessagingException e) {
      r.fail("the " + header + " header cannot be read: " + describe(e));
    }
    return result;
  }

  private void walk(Part part, Reading r, int depth) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Object content = part.getContent();
      if (!(content instanceof Multipart multipart)) {
        r.fail("a multipart part has no readable parts");
        return;
      }
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        try {
          walk(child, r, depth);
        } catch (MessagingException | IOException | RuntimeException e) {
          r.fail("part " + (i + 1) + " cannot be read: " + describe(e));
        }
      }
      return;
    }
    String fileName = fileName(part);
    if (part.isMimeType("message/rfc822")) {
      byte[] nested = bytes(part);
      ParsedEmail forwarded = depth < MAX_NESTING ? parse(nested, depth + 1) : null;
      if (forwarded != null) {
        r.forwarded.add(forwarded);
      }
      String name = fileName != null ? fileName : emlName(forwarded, r.attachments.size() + 1);
      r.attachments.add(new ParsedAttachment(name, "message/rfc822", nested, null));
      return;
    }
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
    if (!attachment && part.isMimeType("text/plain")) {
      r.text = append(r.text, text(part));
    } else if (!attachment && part.isMimeType("text/html")) {
      r.html = append(r.html, HtmlText.toPlainText(text(part)));
    } else {
      String name = fileName != null ? fileName : "part-" + (r.attachments.size() + 1);
      String contentId = part instanceof MimePart mp ? firstId(mp.getContentID()) : null;
      r.attachments.add(new ParsedAttachment(name, baseType(part), bytes(part), contentId));
    }
  }

  private static String append(String existing, String more) {
    if (more == null || more.isBlank()) {
      return existing;
    }
    return existing == null ? more : existing + "\n\n" + more;
  }

  private static String text(Part part) throws MessagingException, IOException {
    Charset charset = StandardCharsets.UTF_8;
    try {
      String declared = new ContentType(part.getContentType()).getParameter("charset");
      if (declared != null) {
        charset = Charset.forName(MimeUtility.javaCharset(declared.trim()));
      }
    } catch (MessagingException | IllegalArgumentException e) {
      // an unknown or unparsable charset: most such mail is UTF-8, and lossy text beats none
    }
    return Text.clean(new String(bytes(part), charset));
  }

  private static byte[] bytes(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    }
  }

  private static String baseType(Part part) {
    try {
      return new ContentType(part.getContentType()).getBaseType().toLowerCase(java.util.Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      return "application/octet-stream";
    }
  }

  private static String fileName(Part part) {
    try {
      String name = part.getFileName();
      if (name == null || name.isBlank()) {
        return null;
      }
      String decoded = decode(name);
      // a name is only a label: never a path
      decoded = decoded.replace('\\', '/');
      decoded = decoded.substring(decoded.lastIndexOf('/') + 1);
      decoded = Text.clean(decoded).strip();
      return decoded.isEmpty() ? null : decoded;
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static String emlName(ParsedEmail forwarded, int index) {
    String subject = forwarded == null ? null : forwarded.subject();
    if (subject == null || subject.isBlank()) {
      return "forwarded-" + index + ".eml";
    }
    String safe = subject.replaceAll("[\\\\/:*?\"<>|]", "_");
    return (safe.length() > 80 ? safe.substring(0, 80) : safe) + ".eml";
  }

  private static String decode(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Text.clean(MimeUtility.decodeText(value));
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return Text.clean(value);
    }
  }

  static String firstId(String header) {
    List<String> ids = ids(header);
    return ids.isEmpty() ? null : ids.get(0);
  }

  /** Message ids of a header; an id without angle brackets (seen from some clients) is taken whole. */
  static List<String> ids(String header) {
    List<String> ids = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return ids;
    }
    Matcher m = MESSAGE_ID.matcher(header);
    while (m.find()) {
      if (!ids.contains(m.group(1))) {
        ids.add(m.group(1));
      }
    }
    String trimmed = header.strip();
    if (ids.isEmpty() && !trimmed.contains(" ") && trimmed.contains("@")) {
      ids.add(trimmed.replace("<", "").replace(">", ""));
    }
    return ids;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** What has been read so far; the first failure is the parse error. */
  private static final class Reading {
    String messageId;
    String inReplyTo;
    List<String> references = List.of();
    MailAddress from;
    List<MailAddress> to = List.of();
    List<MailAddress> cc = List.of();
    String subject;
    Instant sentAt;
    String text;
    String html;
    final List<ParsedAttachment> attachments = new ArrayList<>();
    final List<ParsedEmail> forwarded = new ArrayList<>();
    String error;

    void fail(String message) {
      if (error == null) {
        error = Text.clean(message);
      }
    }

    ParsedEmail result() {
      return new ParsedEmail(
          messageId, inReplyTo, references, from, to, cc, subject, sentAt, text, html, attachments, forwarded,
          error != null, error);
    }
  }
}
