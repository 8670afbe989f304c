package com.activityflow.communication;

import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.platform.storage.FileStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Removes what identifies or describes a person from communication logs while keeping the rows, so
 * that counts per channel, type, direction, status, category, sentiment and duration stay right.
 * Used by a contact's GDPR erasure and by retention's purge. Stored files (the mail's raw source,
 * attachments, which may be anything) are deleted; attachment rows stay with an anonymous name.
 */
@Component
class CommunicationAnonymizer {

  static final String ERASED = "[erased]";

  private final CommunicationLogRepository logs;
  private final NamedParameterJdbcTemplate jdbc;
  private final FileStore files;

  CommunicationAnonymizer(CommunicationLogRepository logs, NamedParameterJdbcTemplate jdbc, FileStore files) {
    this.logs = logs;
    this.jdbc = jdbc;
    this.files = files;
  }

  /** Anonymises the log and its attachments; returns how many attachments it had. */
  int anonymize(CommunicationLog log, UUID actorId, Instant now) {
    log.setSubject(ERASED);
    log.setContent(ERASED);
    log.setSummary(null);
    log.setTranscription(null);
    log.setKeyTopics(List.of());
    log.setAddresses(null, null, null);
    // Message-ID stays: it is the mail system's id, not the person's, and keeps the mailbox from logging the mail again
    log.setMessageHeaders(log.getMessageId(), null, null);
    deleteFile(log.getRawSourcePath());
    log.setRawSource(null, log.isMalformed(), null);
    log.setCall(log.getExternalCallId(), null, null);
    log.setRecordingUrl(null);
    log.setAnonymizedAt(now);
    log.touch(actorId, now);
    logs.saveAndFlush(log);
    return anonymizeAttachments(log.getId());
  }

  private int anonymizeAttachments(UUID logId) {
    List<Map<String, Object>> attachments = jdbc.queryForList(
        "select id, file_name, file_path from communication_attachments where communication_log_id = :log",
        new MapSqlParameterSource("log", logId));
    for (Map<String, Object> attachment : attachments) {
      deleteFile((String) attachment.get("file_path"));
      jdbc.update("update communication_attachments set file_name = :name, is_deleted = true where id = :id",
          new MapSqlParameterSource("id", attachment.get("id")).addValue("name", anonymousName((String) attachment.get("file_name"))));
    }
    return attachments.size();
  }

  /** Thread subjects are copied from their first message's subject. */
  void anonymizeThreads(UUID companyId, Collection<UUID> threadIds) {
    if (!threadIds.isEmpty()) {
      jdbc.update("update communication_threads set subject = :erased where company_id = :company and id in (:ids)",
          new MapSqlParameterSource("erased", ERASED).addValue("company", companyId).addValue("ids", threadIds));
    }
  }

  /** "Smith contract.pdf" becomes "erased.pdf": the type stays for statistics, the name goes. */
  static String anonymousName(String fileName) {
    int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
    String extension = dot > 0 && fileName.length() - dot <= 10 ? fileName.substring(dot).replaceAll("[^A-Za-z0-9.]", "") : "";
    return "erased" + extension;
  }

  private void deleteFile(String key) {
    if (key == null || key.isBlank()) {
      return;
    }
    try {
      files.delete(key);
    } catch (IllegalArgumentException outsideStorage) {
      // a path that is not a storage key points at nothing this application stored
    }
  }
}
