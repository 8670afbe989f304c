package com.activityflow.notification;

import com.activityflow.communication.CommunicationAccessPolicy;
import com.activityflow.communication.CommunicationEvent;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import com.activityflow.task.TaskEvent;
import com.activityflow.task.TaskManager;
import org.springframework.stereotype.Component;

/**
 * The one place of the notification module that decides who gets what (seed 000/001 section
 * 10.1): in-app notifications are the recipient's own (their queries filter by the caller);
 * a live event goes to a user of the task's (communication's) company who may see the task
 * (communication log) by the task (communication) module's rules; webhooks are company configuration for managers and admins, and each company's
 * subscriptions receive only that company's events.
 */
@Component("notificationAccessPolicy")
public class NotificationAccessPolicy {

  private final TaskManager tasks;
  private final CommunicationAccessPolicy communications;

  NotificationAccessPolicy(TaskManager tasks, CommunicationAccessPolicy communications) {
    this.tasks = tasks;
    this.communications = communications;
  }

  public boolean mayManageWebhooks(DirectoryUser user) {
    return user.hasAnyRole(Role.MANAGER, Role.ADMIN);
  }

  /** Whether a live event about a task goes to this user. */
  public boolean receivesLiveEvent(TaskEvent event, DirectoryUser user) {
    return user.companyId().equals(event.companyId()) && tasks.isVisibleTo(event.taskId(), user);
  }

  /** Whether a live event about a communication log goes to this user (the communication module's rules). */
  public boolean receivesLiveEvent(CommunicationEvent event, DirectoryUser user) {
    return user.companyId().equals(event.companyId()) && communications.isVisibleTo(event.communicationLogId(), user);
  }
}
