package com.activityflow.notification.webhook;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface WebhookSubscriptionRepository extends JpaRepository<WebhookSubscription, UUID> {

  List<WebhookSubscription> findByCompanyIdOrderByCreatedAt(UUID companyId);

  List<WebhookSubscription> findByCompanyIdAndActiveTrue(UUID companyId);

  Optional<WebhookSubscription> findByIdAndCompanyId(UUID id, UUID companyId);
}
