package com.activityflow.communication;

import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.communication.domain.ContactRepository;
import com.activityflow.communication.domain.Contact;
import com.activityflow.directory.DirectoryService;
import com.activityflow.notification.NotificationModelProvider;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Values the mail templates may use for a communication log ({@code communication_*}). */
@Component
class CommunicationNotificationModel implements NotificationModelProvider {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final CommunicationLogRepository logs;
  private final ContactRepository contacts;
  private final DirectoryService directory;

  CommunicationNotificationModel(CommunicationLogRepository logs, ContactRepository contacts, DirectoryService directory) {
    this.logs = logs;
    this.contacts = contacts;
    this.directory = directory;
  }

  @Override
  public Map<String, String> model(UUID subjectId) {
    Map<String, String> model = new HashMap<>();
    logs.findById(subjectId).ifPresent(l -> {
      model.put("communication_id", l.getId().toString());
      model.put("communication_subject", l.getSubject());
      model.put("communication_type", l.getCommunicationType());
      model.put("direction", l.getDirection());
      model.put("priority", l.getPriority());
      model.put("status", l.getStatus());
      model.put("start_time", DATE.format(l.getStartTime()));
      String customer = directory.customerName(l.getCompanyId(), l.getCustomerId());
      model.put("customer_name", customer == null ? "an unknown customer" : customer);
      model.put("contact_name", l.getContactId() == null ? "-"
          : contacts.findById(l.getContactId()).map(Contact::displayName).orElse("-"));
    });
    return model;
  }
}
