package com.activityflow.communication.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/** Builds real MIME messages as a mail client would send them. */
public final class Mails {

  private static final Session SESSION = Session.getInstance(new Properties());

  private String messageId;
  private String inReplyTo;
  private String references;
  private String from = "Alice Buyer <alice@initech.example>";
  private final List<String> to = new ArrayList<>(List.of("support@acme.example"));
  private final List<String> cc = new ArrayList<>();
  private String subject = "Question about my order";
  private String text = "Hello, where is my order?";
  private String html;
  private final List<MimeBodyPart> extraParts = new ArrayList<>();
  private Date sentAt = new Date(1_900_000_000_000L);

  public static Mails mail() {
    return new Mails();
  }

  public Mails messageId(String id) {
    this.messageId = id;
    return this;
  }

  public Mails inReplyTo(String id) {
    this.inReplyTo = id;
    return this;
  }

  public Mails references(String ids) {
    this.references = ids;
    return this;
  }

  public Mails from(String from) {
    this.from = from;
    return this;
  }

  public Mails to(String... to) {
    this.to.clear();
    this.to.addAll(List.of(to));
    return this;
  }

  public Mails cc(String... cc) {
    this.cc.addAll(List.of(cc));
    return this;
  }

  public Mails subject(String subject) {
    this.subject = subject;
    return this;
  }

  public Mails text(String text) {
    this.text = text;
    return this;
  }

  public Mails html(String html) {
    this.html = html;
    return this;
  }

  public Mails attachment(String fileName, String type, byte[] content) {
    try {
      MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
      part.setFileName(jakarta.mail.internet.MimeUtility.encodeText(fileName, "UTF-8", "Q"));
      part.setDisposition(MimeBodyPart.ATTACHMENT);
      extraParts.add(part);
      return this;
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Mails forwarding(byte[] message) {
    try {
      MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(new DataHandler(new ByteArrayDataSource(message, "message/rfc822")));
      part.setDisposition(MimeBodyPart.INLINE);
      extraParts.add(part);
      return this;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public MimeMessage message() {
    try {
      MimeMessage m =
          new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
              if (messageId != null) {
                setHeader("Message-ID", "<" + messageId + ">");
              } else {
                super.updateMessageID();
              }
            }
          };
      m.setFrom(InternetAddress.parse(from)[0]);
      for (String t : to) {
        m.addRecipients(Message.RecipientType.TO, InternetAddress.parse(t));
      }
      for (String c : cc) {
        m.addRecipients(Message.RecipientType.CC, InternetAddress.parse(c));
      }
      m.setSubject(subject, "UTF-8");
      m.setSentDate(sentAt);
      if (inReplyTo != null) {
        m.setHeader("In-Reply-To", "<" + inReplyTo + ">");
      }
      if (references != null) {
        m.setHeader("References", references);
      }
      MimeBodyPart body = new MimeBodyPart();
      if (html == null) {
        body.setText(text, "UTF-8");
      } else {
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (text != null) {
          MimeBodyPart plain = new MimeBodyPart();
          plain.setText(text, "UTF-8");
          alternative.addBodyPart(plain);
        }
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=UTF-8");
        alternative.addBodyPart(rich);
        body.setContent(alternative);
      }
      if (extraParts.isEmpty()) {
        if (html == null) {
          m.setText(text, "UTF-8");
        } else {
          m.setContent((MimeMultipart) body.getContent());
        }
      } else {
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        extraParts.forEach(
            p -> {
              try {
                mixed.addBodyPart(p);
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            });
        m.setContent(mixed);
      }
      m.saveChanges();
      return m;
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] bytes() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message().writeTo(out);
      return out.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A multipart message whose boundary never occurs: Jakarta Mail cannot find its parts. */
  public static byte[] malformed(String messageId) {
    return ("From: Broken Sender <broken@initech.example>\r\n"
            + "To: support@acme.example\r\n"
            + "Subject: Broken attachment\r\n"
            + "Message-ID: <" + messageId + ">\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"never-used\"\r\n"
            + "\r\n"
            + "this body has no parts at all\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
