package com.activityflow.communication.mail;

import com.activityflow.communication.ChannelCatalog;
import com.activityflow.communication.CommunicationLogs;
import com.activityflow.communication.CommunicationView;
import com.activityflow.communication.Contacts;
import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationThread;
import com.activityflow.communication.domain.CommunicationThreadRepository;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.web.RuleViolationException;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers an email log: the reply goes out through Spring Mail from the channel's mailbox address,
 * with a signed Message-ID of the thread, In-Reply-To/References naming the answered mail and
 * the thread's token in the subject, and is logged as an outbound email in the same thread.
 *
 * <p>Sending is the last step of the transaction: when the SMTP server refuses, nothing is
 * logged and the caller gets a 502 to try again; a mail is never logged as sent when it was not.
 */
@Service
class MailReplies {

  /** A reply; without {@code to} it goes to the sender of an inbound mail, or the recipients of an outbound one. */
  record ReplyRequest(String content, List<String> to, List<String> cc) {}

  /** The SMTP server did not take the mail. */
  static final class MailNotSentException extends RuntimeException {
    MailNotSentException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final CommunicationLogs logs;
  private final ChannelCatalog channels;
  private final CommunicationThreadRepository threads;
  private final ThreadCodec codec;
  private final JavaMailSender mailSender;
  private final String defaultFrom;
  private final Clock clock;

  MailReplies(
      CommunicationLogs logs,
      ChannelCatalog channels,
      CommunicationThreadRepository threads,
      ThreadCodec codec,
      JavaMailSender mailSender,
      @Value("${activityflow.mail.from:activity-flow@localhost}") String defaultFrom,
      Clock clock) {
    this.logs = logs;
    this.channels = channels;
    this.threads = threads;
    this.codec = codec;
    this.mailSender = mailSender;
    this.defaultFrom = defaultFrom;
    this.clock = clock;
  }

  @Transactional
  public CommunicationView reply(UUID logId, ReplyRequest request, DirectoryUser user) {
    CommunicationLog original = logs.loadForChange(logId, user);
    if (!"email".equals(original.getCommunicationType())) {
      throw RuleViolationException.conflict("not_an_email", "communication_type", "Only email communications can be answered by mail");
    }
    if (!codec.canSign()) {
      throw RuleViolationException.conflict(
          "mail_signing_key_missing", null, "Replies need MAIL_SIGNING_KEY (activityflow.mail-capture.signing-key) to be set");
    }
    Map<String, String> problems = new LinkedHashMap<>();
    if (request.content() == null || request.content().isBlank()) {
      problems.put("content", "content is required");
    } else if (request.content().length() > 100_000) {
      problems.put("content", "content is at most 100000 characters");
    }
    List<String> to = addresses("to", request.to() == null || request.to().isEmpty() ? defaultRecipients(original) : request.to(), problems);
    List<String> cc = addresses("cc", request.cc() == null ? List.of() : request.cc(), problems);
    if (to.isEmpty() && !problems.containsKey("to")) {
      problems.put("to", "the communication has no address to reply to; give to");
    }
    if (!problems.isEmpty()) {
      throw RuleViolationException.invalidFields(problems);
    }
    ChannelConfiguration channel = channels.activeChannel(original.getCompanyId(), original.getChannel());
    CommunicationThread thread =
        original.getThreadId() == null
            ? logs.newThread(original.getCompanyId(), original.getCustomerId(), original.getSubject(), clock.instant())
            : threads.findById(original.getThreadId()).orElseThrow();
    String fromAddress = channel.getMailboxAddress() != null ? channel.getMailboxAddress() : defaultFrom;
    MailAddress from = new MailAddress(fromAddress, user.displayName());
    String messageId = codec.newMessageId(thread.getId(), from.domain());
    List<String> references =
        OutboundMail.referencesFor(original.getMessageId(), EmailParser.ids(original.getReferencesHeader()), original.getInReplyTo());
    OutboundMail mail =
        new OutboundMail(
            messageId,
            from,
            to.stream().map(a -> new MailAddress(a, null)).toList(),
            cc.stream().map(a -> new MailAddress(a, null)).toList(),
            ThreadCodec.replySubject(original.getSubject(), thread.getThreadToken()),
            request.content(),
            original.getMessageId(),
            references);
    CommunicationLog sent =
        logs.capture(
            new CommunicationLogs.Capture(
                "email", channel, "outbound", mail.subject(), clock.instant(), null, request.content(), original.getCustomerId(),
                original.getContactId(), thread.getId(), messageId, original.getMessageId(),
                references.isEmpty() ? null : String.join(" ", references.stream().map(r -> "<" + r + ">").toList()),
                from.address(), to, cc, false, null, null, null, null, null, null, null),
            user);
    try {
      mailSender.send(mail.toMimeMessage(mailSender.createMimeMessage().getSession()));
    } catch (MailException | MessagingException e) {
      throw new MailNotSentException("The mail server did not accept the reply: " + MailIngestion.describe(e), e);
    }
    return logs.get(sent.getId(), CommunicationLogs.Includes.NONE, user);
  }

  private static List<String> defaultRecipients(CommunicationLog original) {
    if ("inbound".equals(original.getDirection())) {
      return original.getFromAddress() == null ? List.of() : List.of(original.getFromAddress());
    }
    return original.getToAddresses() == null ? List.of() : Arrays.asList(original.getToAddresses());
  }

  private static List<String> addresses(String field, List<String> values, Map<String, String> problems) {
    List<String> result = new ArrayList<>();
    if (values.size() > 50) {
      problems.put(field, field + " has at most 50 addresses");
      return result;
    }
    for (int i = 0; i < values.size(); i++) {
      String address = Contacts.normalizeEmail(values.get(i));
      if (address == null) {
        problems.put(field + "[" + i + "]", "not an email address");
      } else if (!result.contains(address)) {
        result.add(address);
      }
    }
    return result;
  }
}
