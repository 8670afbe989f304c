package com.activityflow.notification;

import com.activityflow.notification.InAppNotifications.NotificationPage;
import com.activityflow.notification.InAppNotifications.NotificationView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's in-app notifications. */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications")
@SecurityRequirement(name = "bearer")
class NotificationController {

  record UnreadCount(long unreadCount) {}

  record MarkedRead(int markedRead) {}

  private final InAppNotifications notifications;

  NotificationController(InAppNotifications notifications) {
    this.notifications = notifications;
  }

  @GetMapping
  @Operation(summary = "The caller's notifications, newest first; unread=true for the unread ones only")
  NotificationPage list(
      @RequestParam(name = "unread", defaultValue = "false") boolean unread,
      @RequestParam(name = "page", required = false) Integer page,
      @RequestParam(name = "page_size", required = false) Integer pageSize) {
    return notifications.list(unread, page, pageSize);
  }

  @GetMapping("/unread-count")
  @Operation(summary = "How many of the caller's notifications are unread")
  UnreadCount unreadCount() {
    return new UnreadCount(notifications.unreadCount());
  }

  @PostMapping("/{id}/read")
  @Operation(summary = "Mark one of the caller's notifications read")
  NotificationView markRead(@PathVariable UUID id) {
    return notifications.markRead(id);
  }

  @PostMapping("/read-all")
  @Operation(summary = "Mark all of the caller's notifications read")
  MarkedRead markAllRead() {
    return new MarkedRead(notifications.markAllRead());
  }
}
