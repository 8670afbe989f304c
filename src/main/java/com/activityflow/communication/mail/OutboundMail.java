package com.activityflow.communication.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A mail we send in a thread: its Message-ID is the signed one from {@link ThreadCodec}, and
 * In-Reply-To/References name the answered mail as RFC 5322 §3.6.4 asks (the answered mail's
 * References, or its In-Reply-To, followed by its own id), so every client threads it.
 */
public record OutboundMail(
    String messageId,
    MailAddress from,
    List<MailAddress> to,
    List<MailAddress> cc,
    String subject,
    String text,
    String inReplyTo,
    List<String> references) {

  /** Clients and servers cope badly with very long References; the first and the latest ids matter. */
  static final int MAX_REFERENCES = 20;

  public OutboundMail {
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    references = List.copyOf(references);
  }

  /** The References of a reply to a mail that carried {@code answeredReferences} and {@code answeredInReplyTo}. */
  public static List<String> referencesFor(String answeredMessageId, List<String> answeredReferences, String answeredInReplyTo) {
    List<String> ids = new ArrayList<>();
    if (answeredReferences != null && !answeredReferences.isEmpty()) {
      ids.addAll(answeredReferences);
    } else if (answeredInReplyTo != null) {
      ids.add(answeredInReplyTo);
    }
    if (answeredMessageId != null) {
      ids.remove(answeredMessageId);
      ids.add(answeredMessageId);
    }
    if (ids.size() > MAX_REFERENCES) {
      List<String> kept = new ArrayList<>();
      kept.add(ids.get(0));
      kept.addAll(ids.subList(ids.size() - (MAX_REFERENCES - 1), ids.size()));
      ids = kept;
    }
    return ids;
  }

  /** The MIME message, with our Message-ID kept when the sender saves it. */
  public MimeMessage toMimeMessage(Session session) throws MessagingException {
    String id = messageId;
    MimeMessage m =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + ">");
          }
        };
    m.setFrom(internet(from));
    for (MailAddress a : to) {
      m.addRecipient(Message.RecipientType.TO, internet(a));
    }
    for (MailAddress a : cc) {
      m.addRecipient(Message.RecipientType.CC, internet(a));
    }
    m.setSubject(subject, StandardCharsets.UTF_8.name());
    if (inReplyTo != null) {
      m.setHeader("In-Reply-To", "<" + inReplyTo + ">");
    }
    if (!references.isEmpty()) {
      String value = String.join(" ", references.stream().map(r -> "<" + r + ">").toList());
      m.setHeader("References", MimeUtility.fold("References: ".length(), value));
    }
    m.setText(text, StandardCharsets.UTF_8.name());
    m.saveChanges();
    return m;
  }

  private static InternetAddress internet(MailAddress a) throws MessagingException {
    try {
      return new InternetAddress(a.address(), a.name(), StandardCharsets.UTF_8.name());
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("cannot encode the name of " + a.address(), e);
    }
  }
}
