package com.activityflow.communication.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Settings of email capture and the beans that name threads in mail. */
@Configuration
@EnableConfigurationProperties(MailCaptureConfiguration.MailCaptureProperties.class)
class MailCaptureConfiguration {

  static final String EMBEDDED_KEY_PREFIX = "embedded-profile-only";

  /**
   * @param signingKey HMAC key of outbound Message-IDs (at least 32 bytes); without one replies
   *     are refused and inbound mail is threaded by stored ids and subject tokens only
   * @param batchSize most messages taken from a mailbox per poll (the rest wait for the next)
   * @param timeout connect and read time limit for IMAP
   * @param alertAfterFailures failed polls in a row after which the company's admins are told (once per outage)
   */
  @ConfigurationProperties("activityflow.mail-capture")
  record MailCaptureProperties(
      String signingKey,
      @DefaultValue("100") int batchSize,
      @DefaultValue("PT20S") Duration timeout,
      @DefaultValue("1") int alertAfterFailures) {}

  @Bean
  ThreadCodec threadCodec(MailCaptureProperties properties, Environment environment) {
    String key = properties.signingKey();
    if (key != null && !key.isBlank()) {
      if (key.getBytes(StandardCharsets.UTF_8).length < 32) {
        throw new IllegalStateException("MAIL_SIGNING_KEY must be at least 32 bytes long");
      }
      if (key.startsWith(EMBEDDED_KEY_PREFIX) && !environment.matchesProfiles("embedded")) {
        throw new IllegalStateException(
            "Refusing to start: the embedded profile's mail signing key is configured outside the embedded profile");
      }
    }
    return new ThreadCodec(key);
  }

  @Bean
  ThreadMatcher threadMatcher(ThreadCodec codec) {
    return new ThreadMatcher(codec);
  }
}
