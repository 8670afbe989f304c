package com.activityflow.communication.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * One open connection to a mailbox folder over IMAP (Jakarta Mail).
 *
 * <p>Messages are read with {@code BODY.PEEK}, so reading never marks them: only {@link
 * #markProcessed} does, after the caller has committed the log. Without a processed folder
 * the unseen messages are the work and processing sets \Seen; with one, every message in the
 * folder is work and processing moves it there.
 */
public final class ImapMailbox implements AutoCloseable {

  /** Where and how to connect. */
  public record Settings(
      String host,
      int port,
      String security,
      String username,
      String password,
      String folder,
      String processedFolder,
      Duration timeout) {}

  /** A message as the server holds it: its UID in the folder and its raw source. */
  public record Fetched(long uid, byte[] raw) {}

  private final Store store;
  private final IMAPFolder folder;
  private final String processedFolder;

  private ImapMailbox(Store store, IMAPFolder folder, String processedFolder) {
    this.store = store;
    this.folder = folder;
    this.processedFolder = processedFolder;
  }

  /** Connects and opens the folder for reading and marking; throws when the mailbox cannot be reached. */
  public static ImapMailbox open(Settings s) throws MessagingException {
    String security = s.security() == null ? "ssl" : s.security();
    String protocol = security.equalsIgnoreCase("ssl") ? "imaps" : "imap";
    String timeout = Long.toString(s.timeout().toMillis());
    Properties p = new Properties();
    p.setProperty("mail.store.protocol", protocol);
    p.setProperty("mail." + protocol + ".peek", "true");
    p.setProperty("mail." + protocol + ".connectiontimeout", timeout);
    p.setProperty("mail." + protocol + ".timeout", timeout);
    p.setProperty("mail." + protocol + ".writetimeout", timeout);
    p.setProperty("mail.mime.allowutf8", "true");
    if (security.equalsIgnoreCase("starttls")) {
      p.setProperty("mail.imap.starttls.enable", "true");
      p.setProperty("mail.imap.starttls.required", "true");
    }
    if (!security.equalsIgnoreCase("none")) {
      p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    Store store = Session.getInstance(p).getStore(protocol);
    try {
      store.connect(s.host(), s.port(), s.username(), s.password());
      String name = s.folder() == null || s.folder().isBlank() ? "INBOX" : s.folder();
      IMAPFolder folder = (IMAPFolder) store.getFolder(name);
      if (!folder.exists()) {
        throw new MessagingException("folder " + name + " does not exist");
      }
      folder.open(Folder.READ_WRITE);
      String processed = s.processedFolder() == null || s.processedFolder().isBlank() ? null : s.processedFolder();
      return new ImapMailbox(store, folder, processed);
    } catch (MessagingException | RuntimeException e) {
      closeQuietly(store);
      throw e;
    }
  }

  /** Up to {@code limit} messages waiting to be processed, oldest first. */
  public List<Fetched> waiting(int limit) throws MessagingException, IOException {
    Message[] messages =
        processedFolder == null ? folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)) : folder.getMessages();
    Message[] batch = Arrays.copyOf(messages, Math.min(limit, messages.length));
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    folder.fetch(batch, profile);
    List<Fetched> result = new ArrayList<>();
    for (Message m : batch) {
      if (m.isSet(Flags.Flag.DELETED)) {
        continue;
      }
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      m.writeTo(raw);
      result.add(new Fetched(folder.getUID(m), raw.toByteArray()));
    }
    return result;
  }

  /** Marks the message as processed on the server: \Seen, or moved to the processed folder. */
  public void markProcessed(long uid) throws MessagingException {
    Message m = folder.getMessageByUID(uid);
    if (m == null || m.isExpunged()) {
      return; // already moved or deleted by someone else: nothing left to mark
    }
    if (processedFolder == null) {
      m.setFlag(Flags.Flag.SEEN, true);
      return;
    }
    Folder target = store.getFolder(processedFolder);
    if (!target.exists()) {
      target.create(Folder.HOLDS_MESSAGES);
    }
    if (((IMAPStore) store).hasCapability("MOVE")) {
      folder.moveMessages(new Message[] {m}, target);
    } else {
      folder.copyMessages(new Message[] {m}, target);
      m.setFlag(Flags.Flag.DELETED, true);
      if (((IMAPStore) store).hasCapability("UIDPLUS")) {
        folder.expunge(new Message[] {m});
      } else {
        folder.expunge();
      }
    }
  }

  @Override
  public void close() {
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException e) {
      // the connection is going away anyway
    }
    closeQuietly(store);
  }

  private static void closeQuietly(Store store) {
    try {
      store.close();
    } catch (MessagingException e) {
      // nothing to do: closing a broken connection
    }
  }
}
