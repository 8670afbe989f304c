package com.activityflow.communication.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How polling a mailbox goes, kept on its channel ({@code last_polled_at}, {@code
 * last_poll_error}, {@code consecutive_poll_failures}) so the channel API shows it. Written with
 * plain SQL that leaves the channel's version alone: an admin editing the channel while the
 * poller runs must not get a conflict for the poller's bookkeeping.
 */
@Component
class MailboxStatus {

  /** A mailbox as health and alerts show it. */
  record Mailbox(
      UUID channelId,
      UUID companyId,
      String companyCode,
      String channelCode,
      String mailboxAddress,
      Instant lastPolledAt,
      String lastPollError,
      Instant lastPollErrorAt,
      int consecutivePollFailures) {}

  private final NamedParameterJdbcTemplate jdbc;

  MailboxStatus(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void succeeded(UUID channelId, Instant at) {
    jdbc.update(
        "update channel_configurations set last_polled_at = :at, last_poll_error = null, consecutive_poll_failures = 0"
            + " where id = :id",
        new MapSqlParameterSource("id", channelId).addValue("at", Timestamp.from(at)));
  }

  /** Counts the failure; answers how many polls in a row have failed now. */
  int failed(UUID channelId, Instant at, String error) {
    String text = error.length() > 2000 ? error.substring(0, 2000) : error;
    return jdbc.queryForObject(
        "update channel_configurations set last_polled_at = :at, last_poll_error = :error, last_poll_error_at = :at,"
            + " consecutive_poll_failures = consecutive_poll_failures + 1 where id = :id returning consecutive_poll_failures",
        new MapSqlParameterSource("id", channelId).addValue("at", Timestamp.from(at)).addValue("error", text),
        Integer.class);
  }

  /** Active email channels with a mailbox, of every company. */
  List<Mailbox> mailboxes() {
    return jdbc.query(
        "select c.id, c.company_id, co.code, c.channel_code, c.mailbox_address, c.last_polled_at, c.last_poll_error,"
            + " c.last_poll_error_at, c.consecutive_poll_failures from channel_configurations c"
            + " join companies co on co.id = c.company_id"
            + " where c.is_active and c.channel_type = 'email' and c.imap_host is not null and c.imap_host <> ''"
            + " order by co.code, c.channel_code",
        new MapSqlParameterSource(),
        (rs, i) ->
            new Mailbox(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                instant(rs.getTimestamp(6)),
                rs.getString(7),
                instant(rs.getTimestamp(8)),
                rs.getInt(9)));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
