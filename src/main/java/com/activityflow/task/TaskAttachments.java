package com.activityflow.task;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.domain.Task;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.tika.Tika;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files attached to tasks, stored on disk under a configurable folder by generated keys (the
 * client's file name is kept only as metadata, stripped of any path). The MIME type is detected
 * from the bytes; executables and scripts are refused whatever they are called.
 */
@Component
public class TaskAttachments {

  @ConfigurationProperties("activityflow.attachments")
  record AttachmentProperties(@DefaultValue("data/attachments") Path storage, @DefaultValue("10MB") DataSize maxSize) {}

  /** An attachment as the API shows it. */
  public record AttachmentView(
      UUID id, UUID taskId, String fileName, String contentType, long sizeBytes, String sha256, UUID uploadedBy, Instant uploadedAt) {}

  /** The stored file of an attachment. */
  public record Content(AttachmentView attachment, Path file) {}

  private static final Set<String> REFUSED =
      Set.of("application/x-msdownload", "application/x-dosexec", "application/x-executable", "application/x-elf",
          "application/x-sh", "application/x-bat", "application/x-msdos-program", "application/java-archive",
          "application/x-mach-binary", "text/x-sh", "application/javascript", "text/javascript", "application/x-httpd-php");

  private final AttachmentProperties properties;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Tika tika = new Tika();

  TaskAttachments(AttachmentProperties properties, JdbcTemplate jdbc, Clock clock) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  AttachmentView store(Task task, DirectoryUser user, MultipartFile file) {
    if (file == null || file.isEmpty()) {
      throw RuleViolationException.invalid("file_required", "file", "Send the file as multipart field 'file'");
    }
    if (file.getSize() > properties.maxSize().toBytes()) {
      throw RuleViolationException.invalid("file_too_large", "file", "Files are at most " + properties.maxSize().toMegabytes() + " MB");
    }
    String name = safeName(file.getOriginalFilename());
    UUID id = UUID.randomUUID();
    String key = task.getCompanyId() + "/" + task.getId() + "/" + id;
    Path target = properties.storage().resolve(key);
    String contentType;
    String sha256;
    try {
      Files.createDirectories(target.getParent());
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(new BufferedInputStream(file.getInputStream()), digest)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      sha256 = HexFormat.of().formatHex(digest.digest());
      contentType = tika.detect(target); // content first; the name only breaks ties among text types
      if (contentType.startsWith("text/plain") || contentType.equals("application/octet-stream")) {
        String byName = tika.detect(name);
        if (byName.startsWith("text/") && !byName.equals("text/html")) {
          contentType = byName.equals("text/plain") ? contentType : byName;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (REFUSED.contains(contentType)) {
      deleteQuietly(target);
      throw RuleViolationException.invalid("file_type_refused", "file", "Files of type " + contentType + " are not accepted");
    }
    Instant now = clock.instant();
    jdbc.update(
        "insert into task_attachments (id, task_id, company_id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, task.getId(), task.getCompanyId(), name, contentType, file.getSize(), sha256, key, user.id(), Timestamp.from(now));
    return new AttachmentView(id, task.getId(), name, contentType, file.getSize(), sha256, user.id(), now);
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
    return new Content(view, properties.storage().resolve(key));
  }

  void delete(UUID taskId, UUID attachmentId) {
    if (jdbc.update("update task_attachments set is_deleted = true where id = ? and task_id = ? and not is_deleted", attachmentId, taskId) == 0) {
      throw NotFoundException.forId("Attachment", attachmentId);
    }
  }

  /** The last path element, without control characters; never used to build a path. */
  static String safeName(String original) {
    String name = original == null ? "" : original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      name = "file";
    }
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the refused upload was never registered; a leftover file is harmless
    }
  }
}
