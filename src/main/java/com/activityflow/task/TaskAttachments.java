package com.activityflow.task;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.storage.FileStore;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.domain.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files attached to tasks, stored on disk under a configurable folder by generated keys (the
 * client's file name is kept only as metadata, stripped of any path). The MIME type is detected
 * from the bytes; executables and scripts are refused whatever they are called.
 */
@Component
public class TaskAttachments {

  /** An attachment as the API shows it. */
  public record AttachmentView(
      UUID id, UUID taskId, String fileName, String contentType, long sizeBytes, String sha256, UUID uploadedBy, Instant uploadedAt) {}

  /** The stored file of an attachment. */
  public record Content(AttachmentView attachment, Path file) {}

  private final FileStore files;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  TaskAttachments(FileStore files, JdbcTemplate jdbc, Clock clock) {
    this.files = files;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  AttachmentView store(Task task, DirectoryUser user, MultipartFile file) {
    if (file == null || file.isEmpty()) {
      throw RuleViolationException.invalid("file_required", "file", "Send the file as multipart field 'file'");
    }
    String name = FileStore.safeName(file.getOriginalFilename());
    UUID id = UUID.randomUUID();
    String key = task.getCompanyId() + "/" + task.getId() + "/" + id;
    FileStore.StoredFile stored;
    try (InputStream in = file.getInputStream()) {
      stored = files.storeChecked(key, name, file.getSize(), in, "file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant now = clock.instant();
    jdbc.update(
        "insert into task_attachments (id, task_id, company_id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, task.getId(), task.getCompanyId(), name, stored.contentType(), stored.sizeBytes(), stored.sha256(), key, user.id(),
        Timestamp.from(now));
    return new AttachmentView(id, task.getId(), name, stored.contentType(), stored.sizeBytes(), stored.sha256(), user.id(), now);
  }

  List<AttachmentView> of(UUID taskId) {
    return jdbc.query(
        "select id, task_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at from task_attachments"
            + " where task_id = ? and not is_deleted order by uploaded_at, file_name",
        (rs, i) -> new AttachmentView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getLong(5), rs.getString(6), rs.getObject(7, UUID.class), rs.getTimestamp(8).toInstant()),
        taskId);
  }

  Content content(UUID taskId, UUID attachmentId) {
    AttachmentView view = of(taskId).stream().filter(a -> a.id().equals(attachmentId)).findFirst()
        .orElseThrow(() -> NotFoundException.forId("Attachment", attachmentId));
    String key = jdbc.queryForObject("select storage_key from task_attachments where id = ?", String.class, attachmentId);
    return new Content(view, files.resolve(key));
  }

  void delete(UUID taskId, UUID attachmentId) {
    if (jdbc.update("update task_attachments set is_deleted = true where id = ? and task_id = ? and not is_deleted", attachmentId, taskId) == 0) {
      throw NotFoundException.forId("Attachment", attachmentId);
    }
  }
}
