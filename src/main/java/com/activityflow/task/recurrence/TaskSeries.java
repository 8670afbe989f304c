package com.activityflow.task.recurrence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A recurring task series: the task template of its occurrences, the rule (RRULE, local DTSTART,
 * time zone) and how far it has come. {@code scheduleFrom} is the moment of the last create or
 * edit: occurrences before it are never created (no back-filling after a change of rule).
 */
@Entity
@Table(name = "task_series")
class TaskSeries {

  @Id private UUID id;
  private UUID companyId;
  private UUID createdByUserId;
  private UUID updatedByUserId;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> template = new HashMap<>();

  private String dueAfter;
  private String rrule;
  private LocalDateTime dtstart;
  private String timeZone;
  private SeriesStatus status;
  private int occurrencesCreated;
  private Instant lastOccurrenceAt;
  private Instant scheduleFrom;
  private Instant createdAt;
  private Instant updatedAt;

  @Version private Long version;

  protected TaskSeries() {}

  TaskSeries(UUID id, UUID companyId, UUID createdByUserId, Instant now) {
    this.id = id;
    this.companyId = companyId;
    this.createdByUserId = createdByUserId;
    this.status = SeriesStatus.ACTIVE;
    this.scheduleFrom = now;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** A new rule or template: occurrences from now on follow it, created ones stay. */
  void define(Map<String, Object> template, String dueAfter, Recurrence recurrence, Instant now) {
    this.template = new HashMap<>(template);
    this.dueAfter = dueAfter;
    this.rrule = recurrence.rrule();
    this.dtstart = recurrence.dtstart();
    this.timeZone = recurrence.zone().getId();
    this.scheduleFrom = now;
  }

  Recurrence recurrence() {
    return Recurrence.of(rrule, dtstart, timeZone);
  }

  /** The first instant a next occurrence may have: after the last one, not before the last change. */
  Instant nextSearchStart() {
    Instant notBefore = scheduleFrom;
    return lastOccurrenceAt != null && !lastOccurrenceAt.isBefore(notBefore) ? lastOccurrenceAt.plusSeconds(1) : notBefore;
  }

  void recordOccurrence(Instant occurrence, Instant now) {
    this.occurrencesCreated++;
    this.lastOccurrenceAt = occurrence;
    this.updatedAt = now;
  }

  void stop(UUID userId, Instant now) {
    this.status = SeriesStatus.STOPPED;
    touch(userId, now);
  }

  void finish(Instant now) {
    this.status = SeriesStatus.FINISHED;
    this.updatedAt = now;
  }

  void touch(UUID userId, Instant now) {
    this.updatedByUserId = userId;
    this.updatedAt = now;
  }

  boolean isActive() {
    return status == SeriesStatus.ACTIVE;
  }

  UUID getId() {
    return id;
  }

  UUID getCompanyId() {
    return companyId;
  }

  UUID getCreatedByUserId() {
    return createdByUserId;
  }

  UUID getUpdatedByUserId() {
    return updatedByUserId;
  }

  Map<String, Object> getTemplate() {
    return template;
  }

  String getDueAfter() {
    return dueAfter;
  }

  String getRrule() {
    return rrule;
  }

  LocalDateTime getDtstart() {
    return dtstart;
  }

  String getTimeZone() {
    return timeZone;
  }

  SeriesStatus getStatus() {
    return status;
  }

  int getOccurrencesCreated() {
    return occurrencesCreated;
  }

  Instant getLastOccurrenceAt() {
    return lastOccurrenceAt;
  }

  Instant getScheduleFrom() {
    return scheduleFrom;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  Instant getUpdatedAt() {
    return updatedAt;
  }

  Long getVersion() {
    return version;
  }
}
