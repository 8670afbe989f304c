package com.activityflow.notification.webhook;

import com.activityflow.platform.crypto.SecretBox;
import com.activityflow.platform.web.RuleViolationException;
import org.springframework.stereotype.Component;

/** Encrypts webhook signing secrets at rest, with WEBHOOK_SECRET_KEY. */
@Component
class SecretCipher {

  private final SecretBox box;

  SecretCipher(WebhookProperties properties) {
    this.box = new SecretBox(properties.secretKey(), "WEBHOOK_SECRET_KEY");
  }

  String encrypt(String plain) {
    return box.encrypt(requireKey(plain));
  }

  String decrypt(String stored) {
    requireKey(stored);
    return box.decrypt(stored);
  }

  private String requireKey(String value) {
    if (!box.configured()) {
      throw RuleViolationException.conflict(
          "webhooks_not_configured", null, "Webhooks need WEBHOOK_SECRET_KEY (activityflow.webhooks.secret-key) to be set");
    }
    return value;
  }
}
