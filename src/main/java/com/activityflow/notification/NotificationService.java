package com.activityflow.notification;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.config.CompanyTenantIdProvider;
import java.util.Collection;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues notifications. Each one is a {@code notification-delivery} process instance whose send
 * step is asynchronous: it runs after the caller's transaction commits (nothing is sent for a
 * rolled-back change), retries when SMTP is down and ends as an incident in Cockpit when the
 * retries run out, so an outage never fails the caller and nothing is lost. The in-app copy is
 * stored in the same transaction.
 */
@Service
public class NotificationService {

  private final RuntimeService runtimeService;
  private final DirectoryService directory;
  private final InAppNotifications inApp;

  NotificationService(RuntimeService runtimeService, DirectoryService directory, InAppNotifications inApp) {
    this.runtimeService = runtimeService;
    this.directory = directory;
    this.inApp = inApp;
  }

  @Transactional
  public void queue(NotificationType type, UUID subjectId, UUID recipientUserId) {
    if (recipientUserId == null) {
      return;
    }
    String tenant = directory.findUser(recipientUserId).map(DirectoryUser::companyCode).orElse(null);
    runtimeService
        .createProcessInstanceByKey(NotificationDeliveryProcess.PROCESS_KEY)
        .businessKey(subjectId.toString())
        .setVariables(
            Variables.createVariables()
                .putValueTyped(CompanyTenantIdProvider.TENANT_VARIABLE, Variables.stringValue(tenant))
                .putValueTyped(NotificationDeliveryProcess.NOTIFICATION_TYPE, Variables.stringValue(type.code()))
                .putValueTyped(NotificationDeliveryProcess.SUBJECT_ID, Variables.stringValue(subjectId.toString()))
                .putValueTyped(
                    NotificationDeliveryProcess.RECIPIENT_USER_ID, Variables.stringValue(recipientUserId.toString())))
        .execute();
    inApp.record(type.code(), subjectId, recipientUserId);
  }

  @Transactional
  public void queueAll(NotificationType type, UUID subjectId, Collection<UUID> recipients) {
    recipients.stream().distinct().forEach(r -> queue(type, subjectId, r));
  }
}
