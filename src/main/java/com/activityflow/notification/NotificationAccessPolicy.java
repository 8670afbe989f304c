package com.activityflow.notification;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import com.activityflow.task.TaskEvent;
import com.activityflow.task.TaskManager;
import org.springframework.stereotype.Component;

/**
 * The one place of the notification module that decides who gets what (seed 000/001 section
 * 10.1): in-app notifications are the recipient's own (their queries filter by the caller);
 * a live event goes to a user of the task's company who may see the task by the task module's
 * rules; webhooks are company configuration for managers and admins, and each company's
 * subscriptions receive only that company's events.
 */
@Component("notificationAccessPolicy")
public class NotificationAccessPolicy {

  private final TaskManager tasks;

  NotificationAccessPolicy(TaskManager tasks) {
    this.tasks = tasks;
  }

  public boolean mayManageWebhooks(DirectoryUser user) {
    return user.hasAnyRole(Role.MANAGER, Role.ADMIN);
  }

  /** Whether a live event about a task goes to this user. */
  public boolean receivesLiveEvent(TaskEvent event, DirectoryUser user) {
    return user.companyId().equals(event.companyId()) && tasks.isVisibleTo(event.taskId(), user);
  }
}
