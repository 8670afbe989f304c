package com.activityflow.communication.mail;

import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.mail.MailCaptureConfiguration.MailCaptureProperties;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import com.activityflow.notification.NotificationService;
import com.activityflow.notification.NotificationType;
import org.springframework.stereotype.Component;

/**
 * Tells the company's admins (in-app and by mail, through the notification process) when a
 * mailbox cannot be polled: once per outage, when the failures in a row reach the threshold, not
 * at every poll. Health ({@link MailboxHealthIndicator}) and the channel's {@code last_poll_error}
 * show the outage for as long as it lasts.
 */
@Component
class MailboxAlerts {

  private final DirectoryService directory;
  private final NotificationService notifications;
  private final MailCaptureProperties properties;

  MailboxAlerts(DirectoryService directory, NotificationService notifications, MailCaptureProperties properties) {
    this.directory = directory;
    this.notifications = notifications;
    this.properties = properties;
  }

  void pollFailed(ChannelConfiguration channel, String error, int failuresInARow) {
    if (failuresInARow != Math.max(1, properties.alertAfterFailures())) {
      return;
    }
    notifications.queueAll(
        NotificationType.MAILBOX_UNREACHABLE,
        channel.getId(),
        directory.activeUsersWithRole(channel.getCompanyId(), Role.ADMIN).stream().map(DirectoryUser::id).toList());
  }
}
