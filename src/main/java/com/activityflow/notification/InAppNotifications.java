package com.activityflow.notification;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.security.CurrentUser;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The in-app inbox: rows are written in the transaction of the change that caused them (so a
 * rolled-back change leaves none), and a user reads and marks only its own, within its company.
 */
@Service
@Transactional
public class InAppNotifications {

  /** A notification as the API returns it. */
  public record NotificationView(
      UUID id, String type, UUID subjectId, String message, Instant createdAt, Instant readAt, boolean isRead) {}

  /** One page of the inbox, newest first. */
  public record NotificationPage(
      List<NotificationView> items, int page, int pageSize, long totalCount, int totalPages) {}

  /** A comment mentioned the user ({@code @username}); there is no mail for this one. */
  public static final String MENTIONED = "task_mentioned";

  private static final Map<String, String> MESSAGES =
      Map.of(
          NotificationType.TASK_ASSIGNED.code(), "Task assigned to you: %s",
          NotificationType.TASK_QUEUED.code(), "Task waiting in your team's queue: %s",
          NotificationType.APPROVAL_REQUESTED.code(), "Approval requested: %s",
          NotificationType.APPROVAL_DECIDED.code(), "Approval decided: %s",
          NotificationType.TASK_REMINDER.code(), "Due soon: %s",
          NotificationType.TASK_ESCALATED.code(), "Overdue task escalated: %s",
          MENTIONED, "You were mentioned on task: %s",
          NotificationType.COMMUNICATION_ASSIGNED.code(), "Communication assigned to you: %s");

  private final InAppNotificationRepository notifications;
  private final DirectoryService directory;
  private final List<NotificationModelProvider> providers;
  private final CurrentUser currentUser;
  private final Clock clock;

  InAppNotifications(
      InAppNotificationRepository notifications,
      DirectoryService directory,
      List<NotificationModelProvider> providers,
      CurrentUser currentUser,
      Clock clock) {
    this.notifications = notifications;
    this.directory = directory;
    this.providers = providers;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  /** Stores a notification for the recipient; an unknown or inactive recipient gets none. */
  public void record(String type, UUID subjectId, UUID recipientUserId) {
    DirectoryUser recipient = directory.findUser(recipientUserId).filter(DirectoryUser::active).orElse(null);
    if (recipient == null) {
      return;
    }
    Map<String, String> model = new HashMap<>();
    providers.forEach(p -> model.putAll(p.model(subjectId)));
    String title = model.getOrDefault("task_title", model.getOrDefault("communication_subject", subjectId.toString()));
    String message = String.format(MESSAGES.getOrDefault(type, type + ": %s"), title);
    notifications.save(
        new InAppNotification(
            UUID.randomUUID(),
            recipient.companyId(),
            recipient.id(),
            type,
            subjectId,
            message.length() > 500 ? message.substring(0, 497) + "..." : message,
            clock.instant()));
  }

  @Transactional(readOnly = true)
  public NotificationPage list(boolean unreadOnly, Integer page, Integer pageSize) {
    int p = page == null ? 1 : page;
    int size = pageSize == null ? 20 : pageSize;
    if (p < 1) {
      throw RuleViolationException.invalid("validation_failed", "page", "page starts at 1");
    }
    if (size < 1 || size > 200) {
      throw RuleViolationException.invalid("validation_failed", "page_size", "page_size is between 1 and 200");
    }
    DirectoryUser user = currentUser.get();
    PageRequest request = PageRequest.of(p - 1, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
    Page<InAppNotification> found =
        unreadOnly
            ? notifications.findByCompanyIdAndRecipientUserIdAndReadAtIsNull(user.companyId(), user.id(), request)
            : notifications.findByCompanyIdAndRecipientUserId(user.companyId(), user.id(), request);
    return new NotificationPage(
        found.getContent().stream().map(InAppNotifications::view).toList(),
        p,
        size,
        found.getTotalElements(),
        found.getTotalPages());
  }

  @Transactional(readOnly = true)
  public long unreadCount() {
    DirectoryUser user = currentUser.get();
    return notifications.countByCompanyIdAndRecipientUserIdAndReadAtIsNull(user.companyId(), user.id());
  }

  public NotificationView markRead(UUID id) {
    DirectoryUser user = currentUser.get();
    InAppNotification notification =
        notifications
            .findByIdAndCompanyIdAndRecipientUserId(id, user.companyId(), user.id())
            .orElseThrow(() -> NotFoundException.forId("Notification", id));
    notification.markRead(clock.instant());
    return view(notification);
  }

  public int markAllRead() {
    DirectoryUser user = currentUser.get();
    return notifications.markAllRead(user.companyId(), user.id(), clock.instant());
  }

  private static NotificationView view(InAppNotification n) {
    return new NotificationView(
        n.getId(), n.getType(), n.getSubjectId(), n.getMessage(), n.getCreatedAt(), n.getReadAt(), n.getReadAt() != null);
  }
}
