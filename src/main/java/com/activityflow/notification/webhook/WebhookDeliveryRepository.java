package com.activityflow.notification.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, UUID> {

  /**
   * Claims due rows for this node: only the oldest pending row of each (subscription, task), so
   * a task's events reach a receiver in order, and rows another node holds are skipped, so no row
   * is sent twice at once. The locks last until the caller's transaction ends.
   */
  @Query(
      nativeQuery = true,
      value =
          "select d.* from webhook_deliveries d"
              + " join webhook_subscriptions s on s.id = d.subscription_id and s.active"
              + " where d.status = 'pending' and d.next_attempt_at <= :now"
              + " and not exists (select 1 from webhook_deliveries e"
              + "   where e.subscription_id = d.subscription_id and e.task_id = d.task_id"
              + "   and e.status = 'pending' and e.seq < d.seq)"
              + " order by d.seq limit :limit"
              + " for update of d skip locked")
  List<WebhookDelivery> claimDue(Instant now, int limit);

  Page<WebhookDelivery> findBySubscriptionId(UUID subscriptionId, Pageable page);
}
