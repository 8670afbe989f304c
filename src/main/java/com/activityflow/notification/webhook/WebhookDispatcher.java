package com.activityflow.notification.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox rows: a POST of the stored JSON, signed with the subscription's secret.
 * A 2xx marks the row delivered; anything else (status, timeout, refused connection) schedules a
 * retry with exponential backoff, and the task's later events wait behind it. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED} and held while sending, so several nodes never send the
 * same row at once.
 */
@Component
public class WebhookDispatcher {

  public static final String SIGNATURE_HEADER = "X-ActivityFlow-Signature";
  public static final String EVENT_ID_HEADER = "X-ActivityFlow-Event-Id";
  public static final String EVENT_TYPE_HEADER = "X-ActivityFlow-Event";
  public static final String DELIVERY_ID_HEADER = "X-ActivityFlow-Delivery-Id";
  public static final String TIMESTAMP_HEADER = "X-ActivityFlow-Timestamp";

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final WebhookDeliveryRepository deliveries;
  private final WebhookSubscriptionRepository subscriptions;
  private final SecretCipher cipher;
  private final WebhookProperties properties;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final HttpClient http;

  WebhookDispatcher(
      WebhookDeliveryRepository deliveries,
      WebhookSubscriptionRepository subscriptions,
      SecretCipher cipher,
      WebhookProperties properties,
      TransactionTemplate tx,
      Clock clock) {
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.cipher = cipher;
    this.properties = properties;
    this.tx = tx;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Sends everything due now; the scheduler calls this, tests call it directly. */
  public int dispatchDue() {
    return dispatchDue(clock.instant());
  }

  /**
   * Sends every row due at {@code now}, batch by batch, until none is left. A failed row is
   * rescheduled after {@code now}, so the loop ends even while a receiver is down.
   *
   * @return how many rows were delivered
   */
  public int dispatchDue(Instant now) {
    int delivered = 0;
    while (true) {
      Integer sent = tx.execute(status -> dispatchBatch(now));
      if (sent == null || sent < 0) {
        return delivered;
      }
      delivered += sent;
    }
  }

  /** One claimed batch; -1 when nothing was due. */
  private int dispatchBatch(Instant now) {
    List<WebhookDelivery> batch = deliveries.claimDue(now, properties.dispatcher().batchSize());
    if (batch.isEmpty()) {
      return -1;
    }
    Map<UUID, WebhookSubscription> subscriptionsById =
        subscriptions.findAllById(batch.stream().map(WebhookDelivery::getSubscriptionId).distinct().toList()).stream()
            .collect(Collectors.toMap(WebhookSubscription::getId, Function.identity()));
    int delivered = 0;
    for (WebhookDelivery delivery : batch) {
      if (send(delivery, subscriptionsById.get(delivery.getSubscriptionId()), now)) {
        delivered++;
      }
    }
    return delivered;
  }

  private boolean send(WebhookDelivery delivery, WebhookSubscription subscription, Instant now) {
    Instant attemptAt = clock.instant();
    Instant retryAt = now.plus(properties.backoffAfter(delivery.getAttempts() + 1));
    try {
      String secret = cipher.decrypt(subscription.getSecretEncrypted());
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(subscription.getUrl()))
              .timeout(properties.requestTimeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "ActivityFlow-Webhooks/1")
              .header(SIGNATURE_HEADER, "sha256=" + sign(delivery.getPayload(), secret))
              .header(EVENT_ID_HEADER, delivery.getEventId().toString())
              .header(EVENT_TYPE_HEADER, delivery.getEventType())
              .header(DELIVERY_ID_HEADER, delivery.getId().toString())
              .header(TIMESTAMP_HEADER, Long.toString(attemptAt.getEpochSecond()))
              .POST(HttpRequest.BodyPublishers.ofString(delivery.getPayload(), StandardCharsets.UTF_8))
              .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        delivery.delivered(response.statusCode(), attemptAt);
        return true;
      }
      delivery.failed(response.statusCode(), "HTTP " + response.statusCode(), attemptAt, retryAt);
    } catch (IOException | RuntimeException e) {
      delivery.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage(), attemptAt, retryAt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delivery.failed(null, "interrupted", attemptAt, retryAt);
    }
    log.info(
        "Webhook delivery {} of event {} failed (attempt {}), retrying at {}: {}",
        delivery.getId(),
        delivery.getEventId(),
        delivery.getAttempts(),
        retryAt,
        delivery.getLastError());
    return false;
  }

  /** Hex HMAC-SHA256 of the body with the secret: what {@value #SIGNATURE_HEADER} carries after {@code sha256=}. */
  public static String sign(String body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
