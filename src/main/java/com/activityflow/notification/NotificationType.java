package com.activityflow.notification;

/** Each notification has a mail template {@code mail/<code>.txt}. */
public enum NotificationType {
  TASK_ASSIGNED("task_assigned"),
  TASK_QUEUED("task_queued"),
  APPROVAL_REQUESTED("approval_requested"),
  APPROVAL_DECIDED("approval_decided"),
  TASK_REMINDER("task_reminder"),
  TASK_ESCALATED("task_escalated"),
  COMMUNICATION_ASSIGNED("communication_assigned");

  private final String code;

  NotificationType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static NotificationType of(String code) {
    for (NotificationType t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown notification type " + code);
  }
}
