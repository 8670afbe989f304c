package com.activityflow.communication;

import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.storage.FileStore;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files attached to communication logs (seed 001 section 3.2): uploaded through the API (size
 * limit, type detected from the bytes, executables refused) or captured from mails (kept whatever
 * they are, so nothing is lost, but a refused type is never served for download).
 */
@Service
@Transactional
public class CommunicationAttachments {

  public record AttachmentView(
      UUID id, UUID communicationLogId, String fileName, String fileType, long fileSize, String sha256, boolean isPublic,
      boolean isInternal, int downloadCount, UUID uploadedByUserId, Instant createdAt) {}

  public record Content(AttachmentView attachment, Path file) {}

  public record Filter(UUID communicationId, String fileType, Instant from, Instant to, UUID uploadedByUserId, int page, int pageSize) {}

  private static final String COLUMNS =
      "a.id, a.communication_log_id, a.file_name, a.file_type, a.file_size, a.sha256, a.is_public, a.is_internal,"
          + " a.download_count, a.uploaded_by_user_id, a.created_at";

  private final FileStore files;
  private final NamedParameterJdbcTemplate jdbc;
  private final CommunicationAccessPolicy policy;
  private final Clock clock;

  CommunicationAttachments(FileStore files, NamedParameterJdbcTemplate jdbc, CommunicationAccessPolicy policy, Clock clock) {
    this.files = files;
    this.jdbc = jdbc;
    this.policy = policy;
    this.clock = clock;
  }

  public AttachmentView upload(UUID logId, MultipartFile file, boolean isPublic, boolean isInternal, DirectoryUser user) {
    CommunicationLog log = policy.loadForChange(logId, user);
    if (file == null || file.isEmpty()) {
      throw RuleViolationException.invalid("file_required", "file", "Send the file as multipart field 'file'");
    }
    String name = FileStore.safeName(file.getOriginalFilename());
    UUID id = UUID.randomUUID();
    String key = key(log, id);
    FileStore.StoredFile stored;
    try (InputStream in = file.getInputStream()) {
      stored = files.storeChecked(key, name, file.getSize(), in, "file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return insert(id, log, user.id(), name, stored, isPublic, isInternal);
  }

  /** A file that came with a mail: stored as it is, without the API's limits. */
  public AttachmentView capture(CommunicationLog log, String fileName, byte[] content) {
    UUID id = UUID.randomUUID();
    String name = FileStore.safeName(fileName);
    FileStore.StoredFile stored = files.store(key(log, id), name, new ByteArrayInputStream(content));
    return insert(id, log, null, name, stored, false, false);
  }

  private AttachmentView insert(UUID id, CommunicationLog log, UUID userId, String name, FileStore.StoredFile stored, boolean isPublic, boolean isInternal) {
    Instant now = clock.instant();
    String type = stored.contentType().length() > 100 ? stored.contentType().substring(0, 100) : stored.contentType();
    jdbc.update(
        "insert into communication_attachments (id, communication_log_id, company_id, uploaded_by_user_id, file_name, file_type,"
            + " file_size, file_path, sha256, is_public, is_internal, created_at) values (:id, :log, :company, :user, :name, :type,"
            + " :size, :path, :sha, :public, :internal, :at)",
        new MapSqlParameterSource("id", id).addValue("log", log.getId()).addValue("company", log.getCompanyId())
            .addValue("user", userId).addValue("name", name).addValue("type", type).addValue("size", stored.sizeBytes())
            .addValue("path", stored.key()).addValue("sha", stored.sha256()).addValue("public", isPublic)
            .addValue("internal", isInternal).addValue("at", Timestamp.from(now)));
    return new AttachmentView(id, log.getId(), name, type, stored.sizeBytes(), stored.sha256(), isPublic, isInternal, 0, userId, now);
  }

  /** Attachments of the logs the user may see, filtered (seed 001 section 9.1). */
  @Transactional(readOnly = true)
  public Contacts.PageOf<AttachmentView> list(Filter filter, DirectoryUser user) {
    policy.checkMayRead(user);
    StringBuilder where = new StringBuilder(" where a.company_id = :company and not a.is_deleted");
    MapSqlParameterSource params = new MapSqlParameterSource("company", user.companyId());
    if (filter.communicationId() != null) {
      policy.load(filter.communicationId(), user);
      where.append(" and a.communication_log_id = :log");
      params.addValue("log", filter.communicationId());
    }
    if (filter.fileType() != null) {
      where.append(" and a.file_type = :type");
      params.addValue("type", filter.fileType());
    }
    if (filter.from() != null) {
      where.append(" and a.created_at >= :from");
      params.addValue("from", Timestamp.from(filter.from()));
    }
    if (filter.to() != null) {
      where.append(" and a.created_at <= :to");
      params.addValue("to", Timestamp.from(filter.to()));
    }
    if (filter.uploadedByUserId() != null) {
      where.append(" and a.uploaded_by_user_id = :uploader");
      params.addValue("uploader", filter.uploadedByUserId());
    }
    // only attachments of logs the user may see: the policy decides over the log ids
    List<AttachmentView> candidates = jdbc.query(
        "select " + COLUMNS + " from communication_attachments a" + where + " order by a.created_at desc, a.id", params, this::row);
    List<UUID> logIds = candidates.stream().map(AttachmentView::communicationLogId).distinct().toList();
    java.util.Set<UUID> visible = new java.util.HashSet<>();
    for (UUID logId : logIds) {
      if (policy.isVisibleTo(logId, user)) {
        visible.add(logId);
      }
    }
    List<AttachmentView> all = candidates.stream().filter(a -> visible.contains(a.communicationLogId())).toList();
    int from = Math.min((filter.page() - 1) * filter.pageSize(), all.size());
    int to = Math.min(from + filter.pageSize(), all.size());
    return new Contacts.PageOf<>(new ArrayList<>(all.subList(from, to)), filter.page(), filter.pageSize(), all.size(),
        (all.size() + filter.pageSize() - 1) / filter.pageSize());
  }

  @Transactional(readOnly = true)
  public List<AttachmentView> of(UUID logId) {
    return jdbc.query("select " + COLUMNS + " from communication_attachments a where a.communication_log_id = :log and not a.is_deleted"
        + " order by a.created_at, a.file_name", new MapSqlParameterSource("log", logId), this::row);
  }

  /** The file to download; counts the download. Types refused for upload are not served. */
  public Content download(UUID attachmentId, DirectoryUser user) {
    policy.checkMayRead(user);
    AttachmentView view = jdbc.query("select " + COLUMNS + " from communication_attachments a where a.id = :id and a.company_id = :company"
            + " and not a.is_deleted", new MapSqlParameterSource("id", attachmentId).addValue("company", user.companyId()), this::row)
        .stream().findFirst().orElseThrow(() -> NotFoundException.forId("Attachment", attachmentId));
    policy.load(view.communicationLogId(), user);
    if (FileStore.refused(view.fileType())) {
      throw RuleViolationException.conflict("file_type_refused", "file", "Files of type " + view.fileType() + " are kept but not served");
    }
    jdbc.update("update communication_attachments set download_count = download_count + 1 where id = :id",
        new MapSqlParameterSource("id", attachmentId));
    String path = jdbc.queryForObject("select file_path from communication_attachments where id = :id",
        new MapSqlParameterSource("id", attachmentId), String.class);
    return new Content(view, files.resolve(path));
  }

  /** Seed 001 section 5.3: a deleted log's attachments are soft-deleted, their files kept. */
  void softDeleteOf(UUID logId) {
    jdbc.update("update communication_attachments set is_deleted = true where communication_log_id = :log",
        new MapSqlParameterSource("log", logId));
  }

  private static String key(CommunicationLog log, UUID id) {
    return "communications/" + log.getCompanyId() + "/" + log.getId() + "/" + id;
  }

  private AttachmentView row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new AttachmentView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getLong(5),
        rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getInt(9), rs.getObject(10, UUID.class),
        rs.getTimestamp(11).toInstant());
  }
}
