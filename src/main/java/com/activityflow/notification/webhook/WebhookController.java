package com.activityflow.notification.webhook;

import com.activityflow.notification.webhook.Webhooks.CreateWebhook;
import com.activityflow.notification.webhook.Webhooks.CreatedWebhook;
import com.activityflow.notification.webhook.Webhooks.DeliveryPage;
import com.activityflow.notification.webhook.Webhooks.UpdateWebhook;
import com.activityflow.notification.webhook.Webhooks.WebhookView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Outgoing webhooks of the caller's company, for its managers and admins. */
@RestController
@RequestMapping("/api/webhooks")
@PreAuthorize("@notificationAccessPolicy.mayManageWebhooks(principal)")
@Tag(name = "Webhooks")
@SecurityRequirement(name = "bearer")
class WebhookController {

  private final Webhooks webhooks;

  WebhookController(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @PostMapping
  @Operation(summary = "Subscribe a URL to task events; the answer carries the signing secret, shown only this once")
  ResponseEntity<CreatedWebhook> create(@Valid @RequestBody CreateWebhook request) {
    CreatedWebhook created = webhooks.create(request);
    return ResponseEntity.created(URI.create("/api/webhooks/" + created.id())).body(created);
  }

  @GetMapping
  @Operation(summary = "The company's webhooks (without secrets)")
  List<WebhookView> list() {
    return webhooks.list();
  }

  @GetMapping("/{id}")
  @Operation(summary = "One webhook (without its secret)")
  WebhookView get(@PathVariable UUID id) {
    return webhooks.get(id);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Change a webhook's url, event types or active flag")
  WebhookView update(@PathVariable UUID id, @Valid @RequestBody UpdateWebhook request) {
    return webhooks.update(id, request);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a webhook with its pending deliveries and log")
  void delete(@PathVariable UUID id) {
    webhooks.delete(id);
  }

  @GetMapping("/{id}/deliveries")
  @Operation(summary = "The webhook's deliveries, newest first: status, attempts, last response or error")
  DeliveryPage deliveries(
      @PathVariable UUID id,
      @RequestParam(name = "page", required = false) Integer page,
      @RequestParam(name = "page_size", required = false) Integer pageSize) {
    return webhooks.deliveries(id, page, pageSize);
  }
}
