package com.activityflow.communication.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an inbound mail says, read from its raw RFC 5322 source by {@link EmailParser}.
 *
 * <p>Message ids are kept without angle brackets. A message that could not be read completely
 * is {@code malformed} with the first {@code parseError}; whatever could be read is still here,
 * so it is logged and flagged rather than dropped.
 *
 * @param textBody the text/plain parts, or null
 * @param htmlText the text/html parts converted to plain text, or null
 * @param forwarded messages attached as message/rfc822 parts (forwarded mails), parsed
 */
public record ParsedEmail(
    String messageId,
    String inReplyTo,
    List<String> references,
    MailAddress from,
    List<MailAddress> to,
    List<MailAddress> cc,
    String subject,
    Instant sentAt,
    String textBody,
    String htmlText,
    List<ParsedAttachment> attachments,
    List<ParsedEmail> forwarded,
    boolean malformed,
    String parseError) {

  public ParsedEmail {
    references = List.copyOf(references);
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    attachments = List.copyOf(attachments);
    forwarded = List.copyOf(forwarded);
  }

  /** The ids this mail answers, most relevant first: In-Reply-To, then References newest first. */
  public List<String> answeredIds() {
    List<String> ids = new ArrayList<>();
    if (inReplyTo != null) {
      ids.add(inReplyTo);
    }
    for (int i = references.size() - 1; i >= 0; i--) {
      if (!ids.contains(references.get(i))) {
        ids.add(references.get(i));
      }
    }
    return ids;
  }

  /**
   * The text to log: the plain body (or the converted HTML when there is none), followed by each
   * forwarded message with its sender, date and subject.
   */
  public String content() {
    StringBuilder out = new StringBuilder();
    String own = textBody != null && !textBody.isBlank() ? textBody : htmlText;
    if (own != null) {
      out.append(own.strip());
    }
    for (ParsedEmail f : forwarded) {
      if (!out.isEmpty()) {
        out.append("\n\n");
      }
      out.append("---------- Forwarded message ----------\n");
      if (f.from() != null) {
        out.append("From: ").append(f.from().name() == null ? "" : f.from().name() + " ");
        out.append('<').append(f.from().address()).append(">\n");
      }
      if (f.sentAt() != null) {
        out.append("Date: ").append(f.sentAt()).append('\n');
      }
      if (f.subject() != null) {
        out.append("Subject: ").append(f.subject()).append('\n');
      }
      out.append('\n').append(f.content());
    }
    return out.toString();
  }
}
