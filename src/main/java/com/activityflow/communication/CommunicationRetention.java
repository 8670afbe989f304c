package com.activityflow.communication;

import com.activityflow.audit.AuditTrail;
import com.activityflow.communication.domain.CommunicationCategory;
import com.activityflow.communication.domain.CommunicationCategoryRepository;
import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.directory.DirectoryUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention per communication category ({@code retention_days}, {@code retention_action}): logs
 * of the category whose start time is more than N days ago and that have no active follow-up are
 * archived (hidden from default lists, kept whole) or purged. Purging anonymises like a GDPR
 * erasure instead of deleting rows: foreign keys (mailbox ledger, categories, attachments) and
 * statistics keep their counts, and nothing personal remains. A purged log is archived as well.
 * A category's own setting counts; children do not inherit their parent's. Every run, dry or
 * real, is audited; a real run also audits every log it archived or purged.
 */
@Service
public class CommunicationRetention {

  /** What a run did (or, dry, would do) for one category. */
  public record CategoryReport(
      UUID categoryId, String categoryCode, String action, int retentionDays, Instant cutoff, int count, List<UUID> logIds,
      int skippedActiveFollowUp) {}

  /** One run over one company. */
  public record Report(UUID runId, UUID companyId, boolean dryRun, Instant ranAt, List<CategoryReport> categories) {}

  private static final Logger LOG = LoggerFactory.getLogger(CommunicationRetention.class);

  private final CommunicationCategoryRepository categories;
  private final CommunicationLogRepository logs;
  private final CommunicationAnonymizer anonymizer;
  private final CommunicationAccessPolicy policy;
  private final AuditTrail audit;
  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  CommunicationRetention(CommunicationCategoryRepository categories, CommunicationLogRepository logs, CommunicationAnonymizer anonymizer,
      CommunicationAccessPolicy policy, AuditTrail audit, NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.categories = categories;
    this.logs = logs;
    this.anonymizer = anonymizer;
    this.policy = policy;
    this.audit = audit;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /** A run over the caller's company, requested by a manager or admin; {@code dryRun} changes nothing. */
  @Transactional
  public Report run(DirectoryUser user, boolean dryRun) {
    policy.checkMayManagePersonalData(user);
    return runFor(user.companyId(), dryRun, user.id(), user.username());
  }

  /** The scheduled run: every company with retention settings, each in its own transaction. */
  public List<Report> runAll() {
    List<UUID> companies = jdbc.queryForList(
        "select distinct company_id from communication_categories where retention_days is not null order by company_id",
        new MapSqlParameterSource(), UUID.class);
    List<Report> reports = new ArrayList<>();
    for (UUID companyId : companies) {
      try {
        reports.add(tx.execute(status -> runFor(companyId, false, null, "retention")));
      } catch (RuntimeException e) {
        // one company's failure (e.g. a concurrent edit) must not keep the others' data beyond its time
        LOG.error("Retention run failed for company {}; the next run retries", companyId, e);
      }
    }
    return reports;
  }

  private Report runFor(UUID companyId, boolean dryRun, UUID actorId, String actorName) {
    Instant now = clock.instant();
    UUID runId = UUID.randomUUID();
    List<CategoryReport> results = new ArrayList<>();
    List<CommunicationCategory> withRetention = categories.findByCompanyIdAndRetentionDaysIsNotNull(companyId).stream()
        .sorted(Comparator.comparing(CommunicationCategory::getCategoryCode)).toList();
    for (CommunicationCategory category : withRetention) {
      boolean purge = "purge".equals(category.getRetentionAction());
      Instant cutoff = now.minus(Duration.ofDays(category.getRetentionDays()));
      List<UUID> due = candidates(companyId, category.getId(), cutoff, purge, false);
      int skipped = candidates(companyId, category.getId(), cutoff, purge, true).size();
      if (!dryRun) {
        String reason = "retention: category " + category.getCategoryCode() + " keeps " + category.getRetentionDays() + " days";
        for (CommunicationLog log : logs.findAllById(due)) {
          if (purge) {
            anonymizer.anonymize(log, actorId, now);
          }
          if (log.getArchivedAt() == null) {
            log.setArchivedAt(now);
            log.touch(actorId, now);
            logs.saveAndFlush(log);
          }
          audit.record(companyId, actorId, actorName, purge ? "purge" : "archive", "communication_log", log.getId().toString(),
              List.of(), reason);
        }
      }
      results.add(new CategoryReport(category.getId(), category.getCategoryCode(), category.getRetentionAction(),
          category.getRetentionDays(), cutoff, due.size(), due, skipped));
    }
    Map<String, Integer> counts = new TreeMap<>();
    results.forEach(r -> counts.put(r.categoryCode() + "." + r.action(), r.count()));
    audit.record(companyId, actorId, actorName, dryRun ? "retention_dry_run" : "retention_run", "communication_retention",
        runId.toString(), counts.entrySet().stream()
            .map(e -> new AuditTrail.FieldChange(e.getKey(), null, Integer.toString(e.getValue()))).toList(),
        actorId == null ? "scheduled" : "requested");
    return new Report(runId, companyId, dryRun, now, results);
  }

  /**
   * Logs of the category that started before the cutoff and are not yet archived (archive) or
   * anonymised (purge), without ({@code activeFollowUp} false) or with an active follow-up.
   * Purge also covers soft-deleted logs: deleted content is still stored content.
   */
  private List<UUID> candidates(UUID companyId, UUID categoryId, Instant cutoff, boolean purge, boolean activeFollowUp) {
    String pending = purge ? " and l.anonymized_at is null" : " and l.archived_at is null and not l.is_deleted";
    String followUp = activeFollowUp
        ? " and l.follow_up_status in (:active)"
        : " and (l.follow_up_status is null or l.follow_up_status not in (:active))";
    return jdbc.queryForList(
        "select l.id from communication_logs l join communication_log_categories lc on lc.log_id = l.id"
            + " where l.company_id = :company and lc.category_id = :category and l.start_time < :cutoff" + pending + followUp
            + " order by l.start_time, l.id",
        new MapSqlParameterSource("company", companyId).addValue("category", categoryId)
            .addValue("cutoff", java.sql.Timestamp.from(cutoff)).addValue("active", CommunicationCodes.ACTIVE_FOLLOW_UP),
        UUID.class);
  }
}
