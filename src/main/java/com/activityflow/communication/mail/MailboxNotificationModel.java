package com.activityflow.communication.mail;

import com.activityflow.communication.domain.ChannelConfigurationRepository;
import com.activityflow.notification.NotificationModelProvider;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the mailbox alert may say about a channel ({@code mailbox_*}), read when it is sent. */
@Component
class MailboxNotificationModel implements NotificationModelProvider {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final ChannelConfigurationRepository channels;

  MailboxNotificationModel(ChannelConfigurationRepository channels) {
    this.channels = channels;
  }

  @Override
  @Transactional(readOnly = true)
  public Map<String, String> model(UUID subjectId) {
    Map<String, String> model = new HashMap<>();
    channels
        .findById(subjectId)
        .filter(c -> c.hasMailbox())
        .ifPresent(
            c -> {
              model.put("channel_id", c.getId().toString());
              model.put("mailbox_name", c.getChannelName() + " (" + c.getChannelCode() + ")");
              model.put("mailbox_address", c.getMailboxAddress() == null ? "-" : c.getMailboxAddress());
              model.put("imap_host", c.getImapHost() + ":" + c.getImapPort());
              model.put("last_poll_error", c.getLastPollError() == null ? "-" : c.getLastPollError());
              model.put("failing_since", c.getLastPollErrorAt() == null ? "-" : DATE.format(c.getLastPollErrorAt()));
              model.put("consecutive_poll_failures", Integer.toString(c.getConsecutivePollFailures()));
            });
    return model;
  }
}
