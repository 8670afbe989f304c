package com.activityflow.notification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * Plain-text mails from templates in {@code mail/<type>.txt}: the first line is
 * {@code Subject: ...}, the rest the body; {@code {{name}}} placeholders are filled from the model.
 * A placeholder without a value is left visible rather than silently emptied.
 */
@Component
class MailComposer {

  @ConfigurationProperties("activityflow.mail")
  record MailProperties(
      @DefaultValue("activity-flow@localhost") String from,
      @DefaultValue("http://localhost:8080") String baseUrl) {}

  private static final PropertyPlaceholderHelper PLACEHOLDERS =
      new PropertyPlaceholderHelper("{{", "}}", null, null, true);

  private final JavaMailSender mailSender;
  private final MailProperties properties;

  MailComposer(JavaMailSender mailSender, MailProperties properties) {
    this.mailSender = mailSender;
    this.properties = properties;
  }

  void send(NotificationType type, String to, Map<String, String> model) {
    String template = template(type);
    Map<String, String> values = new java.util.HashMap<>(model);
    values.replaceAll((k, v) -> v == null ? "" : v.replace("{{", "{ {")); // user text is never a placeholder
    values.put("base_url", properties.baseUrl());
    String rendered = PLACEHOLDERS.replacePlaceholders(template, values::get);
    int newline = rendered.indexOf('\n');
    String subject = rendered.substring(0, newline).replaceFirst("^Subject:\\s*", "").trim();
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.from());
    message.setTo(to);
    message.setSubject(subject);
    message.setText(rendered.substring(newline + 1).strip() + "\n");
    mailSender.send(message);
  }

  private static String template(NotificationType type) {
    try (InputStream in = new ClassPathResource("mail/" + type.code() + ".txt").getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Missing mail template mail/" + type.code() + ".txt", e);
    }
  }
}
