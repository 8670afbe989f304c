package com.activityflow.notification;

import java.util.Map;
import java.util.UUID;

/**
 * Supplies the values a mail template may use for a subject (a task, later a communication or
 * ticket), read when the mail is sent so that the notification carries ids, not copies.
 */
public interface NotificationModelProvider {

  /** Template values for the subject, or an empty map when this provider does not know it. */
  Map<String, String> model(UUID subjectId);
}
