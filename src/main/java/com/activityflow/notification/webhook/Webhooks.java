package com.activityflow.notification.webhook;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.security.CurrentUser;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.communication.CommunicationEvent;
import com.activityflow.task.TaskEvent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A company's webhook subscriptions and their delivery log, every call scoped to the caller's
 * company (another company's subscription does not exist). The signing secret is generated here,
 * returned once by {@link #create} and afterwards only ever held encrypted.
 */
@Service
@Transactional
public class Webhooks {

  public static final Set<String> EVENT_TYPES =
      Set.of(TaskEvent.CREATED, TaskEvent.ASSIGNED, TaskEvent.STATUS_CHANGED, TaskEvent.COMMENT_ADDED,
          CommunicationEvent.CREATED, CommunicationEvent.ASSIGNED, CommunicationEvent.STATUS_CHANGED,
          CommunicationEvent.TRANSCRIPTION_COMPLETED);

  public record CreateWebhook(
      @NotBlank(message = "url is required") @Size(max = 2000, message = "url is at most 2000 characters") String url,
      @NotEmpty(message = "event_types needs at least one event type") List<String> eventTypes,
      Boolean active) {}

  /** Fields left out stay as they are. */
  public record UpdateWebhook(
      @Size(max = 2000, message = "url is at most 2000 characters") String url, List<String> eventTypes, Boolean active) {}

  public record WebhookView(
      UUID id, String url, List<String> eventTypes, boolean active, Instant createdAt, Instant updatedAt) {}

  /** The answer to a creation: the only time the secret is shown. */
  public record CreatedWebhook(
      UUID id, String url, List<String> eventTypes, boolean active, Instant createdAt, Instant updatedAt, String secret) {}

  public record DeliveryView(
      UUID id,
      UUID eventId,
      String eventType,
      UUID taskId,
      String status,
      int attempts,
      Integer lastStatusCode,
      String lastError,
      Instant lastAttemptAt,
      Instant nextAttemptAt,
      Instant deliveredAt,
      Instant createdAt) {}

  public record DeliveryPage(List<DeliveryView> items, int page, int pageSize, long totalCount, int totalPages) {}

  private final WebhookSubscriptionRepository subscriptions;
  private final WebhookDeliveryRepository deliveries;
  private final SecretCipher cipher;
  private final CurrentUser currentUser;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Webhooks(
      WebhookSubscriptionRepository subscriptions,
      WebhookDeliveryRepository deliveries,
      SecretCipher cipher,
      CurrentUser currentUser,
      Clock clock) {
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.cipher = cipher;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  public CreatedWebhook create(CreateWebhook request) {
    DirectoryUser user = currentUser.get();
    String url = checkedUrl(request.url());
    List<String> types = checkedEventTypes(request.eventTypes());
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    WebhookSubscription s =
        new WebhookSubscription(UUID.randomUUID(), user.companyId(), user.id(), cipher.encrypt(secret), clock.instant());
    s.setUrl(url);
    s.setEventTypes(types);
    s.setActive(request.active() == null || request.active());
    subscriptions.save(s);
    return new CreatedWebhook(
        s.getId(), s.getUrl(), s.getEventTypes(), s.isActive(), s.getCreatedAt(), s.getUpdatedAt(), secret);
  }

  @Transactional(readOnly = true)
  public List<WebhookView> list() {
    return subscriptions.findByCompanyIdOrderByCreatedAt(currentUser.get().companyId()).stream()
        .map(Webhooks::view)
        .toList();
  }

  @Transactional(readOnly = true)
  public WebhookView get(UUID id) {
    return view(load(id));
  }

  public WebhookView update(UUID id, UpdateWebhook request) {
    WebhookSubscription s = load(id);
    if (request.url() != null) {
      s.setUrl(checkedUrl(request.url()));
    }
    if (request.eventTypes() != null) {
      s.setEventTypes(checkedEventTypes(request.eventTypes()));
    }
    if (request.active() != null) {
      s.setActive(request.active());
    }
    s.touch(clock.instant());
    subscriptions.flush();
    return view(s);
  }

  /** Deletes the subscription with its pending rows and delivery log. */
  public void delete(UUID id) {
    subscriptions.delete(load(id));
  }

  @Transactional(readOnly = true)
  public DeliveryPage deliveries(UUID id, Integer page, Integer pageSize) {
    int p = page == null ? 1 : page;
    int size = pageSize == null ? 50 : pageSize;
    if (p < 1) {
      throw RuleViolationException.invalid("validation_failed", "page", "page starts at 1");
    }
    if (size < 1 || size > 200) {
      throw RuleViolationException.invalid("validation_failed", "page_size", "page_size is between 1 and 200");
    }
    WebhookSubscription s = load(id);
    Page<WebhookDelivery> found =
        deliveries.findBySubscriptionId(s.getId(), PageRequest.of(p - 1, size, Sort.by(Sort.Order.desc("seq"))));
    return new DeliveryPage(
        found.getContent().stream().map(Webhooks::view).toList(), p, size, found.getTotalElements(), found.getTotalPages());
  }

  private WebhookSubscription load(UUID id) {
    return subscriptions
        .findByIdAndCompanyId(id, currentUser.get().companyId())
        .orElseThrow(() -> NotFoundException.forId("Webhook", id));
  }

  /** Only absolute http(s) URLs with a host; no credentials in the URL (it is shown in lists). */
  static String checkedUrl(String url) {
    String value = url == null ? "" : url.strip();
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw RuleViolationException.invalid("invalid_url", "url", "url must be an http or https URL");
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        throw RuleViolationException.invalid("invalid_url", "url", "url must name a host");
      }
      if (uri.getUserInfo() != null) {
        throw RuleViolationException.invalid("invalid_url", "url", "url must not contain a user name or password");
      }
      return value;
    } catch (URISyntaxException e) {
      throw RuleViolationException.invalid("invalid_url", "url", "url is not a valid URL: " + e.getReason());
    }
  }

  private static List<String> checkedEventTypes(List<String> types) {
    if (types.isEmpty()) {
      throw RuleViolationException.invalid("validation_failed", "event_types", "event_types needs at least one event type");
    }
    for (String t : types) {
      if (t == null || !EVENT_TYPES.contains(t)) {
        throw RuleViolationException.invalid(
            "unknown_event_type",
            "event_types",
            "'" + t + "' is not an event type; allowed: " + String.join(", ", EVENT_TYPES.stream().sorted().toList()));
      }
    }
    return types.stream().distinct().toList();
  }

  private static WebhookView view(WebhookSubscription s) {
    return new WebhookView(s.getId(), s.getUrl(), s.getEventTypes(), s.isActive(), s.getCreatedAt(), s.getUpdatedAt());
  }

  private static DeliveryView view(WebhookDelivery d) {
    return new DeliveryView(
        d.getId(),
        d.getEventId(),
        d.getEventType(),
        d.getTaskId(),
        d.getStatus(),
        d.getAttempts(),
        d.getLastStatusCode(),
        d.getLastError(),
        d.getLastAttemptAt(),
        WebhookDelivery.PENDING.equals(d.getStatus()) ? d.getNextAttemptAt() : null,
        d.getDeliveredAt(),
        d.getCreatedAt());
  }
}
