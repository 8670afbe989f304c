package com.activityflow.communication;

import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.ChannelConfigurationRepository;
import com.activityflow.communication.domain.CommunicationCategory;
import com.activityflow.communication.domain.CommunicationCategoryRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The channels and categories a new company starts with; managers change them afterwards.
 * The category codes are the ones the {@code communication-triage} table decides on.
 */
@Service
public class CommunicationDefaults {

  private final ChannelConfigurationRepository channels;
  private final CommunicationCategoryRepository categories;
  private final Clock clock;

  CommunicationDefaults(ChannelConfigurationRepository channels, CommunicationCategoryRepository categories, Clock clock) {
    this.channels = channels;
    this.categories = categories;
    this.clock = clock;
  }

  @Transactional
  public void seed(UUID companyId) {
    if (!channels.findByCompanyIdOrderByChannelCode(companyId).isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    channel(companyId, "email", "Email", "email", now);
    channel(companyId, "phone", "Phone", "phone", now);
    channel(companyId, "sms", "SMS", "sms", now);
    channel(companyId, "chat", "Web chat", "chat", now);
    channel(companyId, "meeting", "Meetings", "meeting", now);
    CommunicationCategory support = category(companyId, "support", "Support", null, "normal", now,
        "problem", "error", "broken", "not working", "help", "issue", "bug", "crash");
    category(companyId, "complaint", "Complaint", support.getId(), "high", now,
        "complaint", "unacceptable", "disappointed", "angry", "refund", "cancel", "terrible", "worst");
    category(companyId, "billing", "Billing", null, "normal", now, "invoice", "payment", "billing", "charge", "price", "refund");
    category(companyId, "sales", "Sales", null, "normal", now, "quote", "offer", "demo", "purchase", "contract", "renewal", "upgrade");
    CommunicationCategory general = category(companyId, "general", "General", null, "low", now);
    general.setDefaultCategory(true);
  }

  private void channel(UUID companyId, String code, String name, String type, Instant now) {
    ChannelConfiguration channel = new ChannelConfiguration(UUID.randomUUID(), companyId, code, now);
    channel.describe(name, type, null, now);
    channel.configure(true, true, false, null, null, false, true, true);
    channels.save(channel);
  }

  private CommunicationCategory category(UUID companyId, String code, String name, UUID parent, String priority, Instant now, String... keywords) {
    CommunicationCategory category = new CommunicationCategory(UUID.randomUUID(), companyId, code, now);
    category.update(name, null, parent, true, false, priority, keywords.length > 0, keywords, null, null, null, null, now);
    return categories.save(category);
  }
}
