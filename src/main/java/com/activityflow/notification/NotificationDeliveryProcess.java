package com.activityflow.notification;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.metrics.ActivityMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Backing class of {@code bpmn/notification-delivery.bpmn}: the process key, its variables and
 * the {@code sendEmail} delegate.
 */
public final class NotificationDeliveryProcess {

  public static final String PROCESS_KEY = "notification-delivery";
  public static final String TASK_SEND_EMAIL = "Task_SendEmail";

  static final String NOTIFICATION_TYPE = "notificationType";
  static final String SUBJECT_ID = "subjectId";
  static final String RECIPIENT_USER_ID = "recipientUserId";

  private NotificationDeliveryProcess() {}

  /** Renders the template for the recipient and sends it; an exception makes the job retry. */
  @Component("sendEmail")
  static class SendEmailDelegate implements JavaDelegate {

    private final MailComposer composer;
    private final DirectoryService directory;
    private final List<NotificationModelProvider> providers;
    private final ActivityMetrics metrics;

    SendEmailDelegate(
        MailComposer composer,
        DirectoryService directory,
        List<NotificationModelProvider> providers,
        ActivityMetrics metrics) {
      this.composer = composer;
      this.directory = directory;
      this.providers = providers;
      this.metrics = metrics;
    }

    @Override
    public void execute(DelegateExecution execution) {
      NotificationType type = NotificationType.of((String) execution.getVariable(NOTIFICATION_TYPE));
      UUID subjectId = UUID.fromString((String) execution.getVariable(SUBJECT_ID));
      UUID recipientId = UUID.fromString((String) execution.getVariable(RECIPIENT_USER_ID));
      DirectoryUser recipient = directory.findUser(recipientId).orElse(null);
      if (recipient == null || !recipient.active()) {
        return; // the person left the directory: nobody to tell
      }
      Map<String, String> model = new HashMap<>();
      providers.forEach(p -> model.putAll(p.model(subjectId)));
      model.put("recipient_name", recipient.displayName());
      try {
        composer.send(type, recipient.email(), model);
      } catch (RuntimeException e) {
        metrics.notificationFailed(type.code());
        throw e;
      }
      metrics.notificationSent(type.code());
    }
  }
}
