package com.activityflow.platform.storage;

import com.activityflow.platform.web.RuleViolationException;
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
import java.util.HexFormat;
import java.util.Set;
import org.apache.tika.Tika;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Files (task and communication attachments, raw mail sources) on disk under a configurable
 * folder, by generated keys: a client's file name never becomes a path. The MIME type is detected
 * from the bytes; executables and scripts are refused whatever they are called.
 */
@Component
public class FileStore {

  @ConfigurationProperties("activityflow.attachments")
  public record StorageProperties(@DefaultValue("data/attachments") Path storage, @DefaultValue("10MB") DataSize maxSize) {}

  /** What was stored. */
  public record StoredFile(String key, String contentType, long sizeBytes, String sha256) {}

  private static final Set<String> REFUSED =
      Set.of("application/x-msdownload", "application/x-dosexec", "application/x-executable", "application/x-elf",
          "application/x-sh", "application/x-bat", "application/x-msdos-program", "application/java-archive",
          "application/x-mach-binary", "text/x-sh", "application/javascript", "text/javascript", "application/x-httpd-php");

  private final StorageProperties properties;
  private final Tika tika = new Tika();

  FileStore(StorageProperties properties) {
    this.properties = properties;
  }

  public DataSize maxSize() {
    return properties.maxSize();
  }

  /**
   * Stores an uploaded file under {@code key}: refuses a missing or too large file and executable
   * content (400 naming {@code field}).
   */
  public StoredFile storeChecked(String key, String fileName, long declaredSize, InputStream content, String field) {
    if (declaredSize > properties.maxSize().toBytes()) {
      throw RuleViolationException.invalid("file_too_large", field, "Files are at most " + properties.maxSize().toMegabytes() + " MB");
    }
    StoredFile stored = store(key, fileName, content);
    if (stored.sizeBytes() > properties.maxSize().toBytes()) {
      delete(key);
      throw RuleViolationException.invalid("file_too_large", field, "Files are at most " + properties.maxSize().toMegabytes() + " MB");
    }
    if (REFUSED.contains(stored.contentType())) {
      delete(key);
      throw RuleViolationException.invalid("file_type_refused", field, "Files of type " + stored.contentType() + " are not accepted");
    }
    return stored;
  }

  /** Whether content of this detected type is refused as an attachment. */
  public static boolean refused(String contentType) {
    return REFUSED.contains(contentType);
  }

  /** Stores bytes as they are (e.g. a raw mail source) and detects their type. */
  public StoredFile store(String key, String fileName, InputStream content) {
    Path target = resolve(key);
    try {
      Files.createDirectories(target.getParent());
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(new BufferedInputStream(content), digest)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      String contentType = tika.detect(target); // content first; the name only breaks ties among text types
      if (fileName != null && (contentType.startsWith("text/plain") || contentType.equals("application/octet-stream"))) {
        String byName = tika.detect(fileName);
        if (byName.startsWith("text/") && !byName.equals("text/html")) {
          contentType = byName.equals("text/plain") ? contentType : byName;
        }
      }
      return new StoredFile(key, contentType, Files.size(target), HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path resolve(String key) {
    Path root = properties.storage().toAbsolutePath().normalize();
    Path file = root.resolve(key).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("Storage key outside the storage folder: " + key);
    }
    return file;
  }

  public void delete(String key) {
    try {
      Files.deleteIfExists(resolve(key));
    } catch (IOException ignored) {
      // an unregistered leftover file is harmless
    }
  }

  /** The last path element, without control characters; never used to build a path. */
  public static String safeName(String original) {
    String name = original == null ? "" : original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      name = "file";
    }
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }
}
