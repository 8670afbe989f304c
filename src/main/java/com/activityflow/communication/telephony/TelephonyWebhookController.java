package com.activityflow.communication.telephony;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a telephony provider posts call events for one phone channel. Not behind a user token:
 * the HMAC signature with the channel's webhook secret is the credential.
 */
@RestController
@Tag(name = "Telephony webhook")
class TelephonyWebhookController {

  private final TelephonyWebhook webhook;

  TelephonyWebhookController(TelephonyWebhook webhook) {
    this.webhook = webhook;
  }

  @PostMapping(path = "/hooks/telephony/{channelId}", consumes = "application/json")
  @Operation(summary = "call.started / call.ended / call.transcript, signed: X-Timestamp, X-Signature: sha256=<hex HMAC of timestamp.body>")
  ResponseEntity<Map<String, String>> receive(
      @PathVariable UUID channelId,
      @RequestHeader(name = "X-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Signature", required = false) String signature,
      @RequestBody byte[] body) {
    TelephonyWebhook.Outcome outcome = webhook.receive(channelId, timestamp, signature, body);
    return ResponseEntity.status(outcome == TelephonyWebhook.Outcome.CREATED ? 201 : 200)
        .body(Map.of("outcome", outcome.name().toLowerCase()));
  }
}
