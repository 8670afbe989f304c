package com.activityflow.communication.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dedupe ledger ({@code mailbox_messages}): which message of a mailbox became which log. A
 * row is written in the transaction of the log; a message whose key is here is never logged again,
 * only marked on the server.
 */
@Component
class MailboxLedger {

  private final NamedParameterJdbcTemplate jdbc;

  MailboxLedger(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<UUID> logOf(UUID channelId, String messageKey) {
    return jdbc
        .queryForList(
            "select log_id from mailbox_messages where channel_id = :channel and message_key = :key",
            new MapSqlParameterSource("channel", channelId).addValue("key", messageKey),
            UUID.class)
        .stream()
        .findFirst();
  }

  void record(UUID channelId, String messageKey, UUID logId, long imapUid, Instant at) {
    jdbc.update(
        "insert into mailbox_messages (channel_id, message_key, log_id, imap_uid, received_at)"
            + " values (:channel, :key, :log, :uid, :at)",
        new MapSqlParameterSource("channel", channelId)
            .addValue("key", messageKey)
            .addValue("log", logId)
            .addValue("uid", imapUid)
            .addValue("at", Timestamp.from(at)));
  }

  void marked(UUID channelId, String messageKey, Instant at) {
    jdbc.update(
        "update mailbox_messages set marked_at = :at where channel_id = :channel and message_key = :key",
        new MapSqlParameterSource("channel", channelId).addValue("key", messageKey).addValue("at", Timestamp.from(at)));
  }
}
