package com.activityflow.bench;

import com.activityflow.communication.mail.MailboxPoller;
import com.activityflow.communication.mail.MailboxSchedule;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Email ingestion: {@code bench.emails} messages waiting in an IMAP mailbox (GreenMail) become
 * triaged inbound email logs through the mailbox polling the Quartz job runs ({@link
 * MailboxPoller#poll}: fetch, parse, HTML to text, contact and thread lookup, attachment
 * storage, sentiment and the triage table, follow-up start where the table says so, ledger,
 * audit, outbox, then the \Seen flag), against reading and flagging the same number of messages
 * from the same IMAP server with plain Jakarta Mail (fetch the source, set \Seen, store nothing).
 */
final class EmailIngestionScenario implements Scenario {

  private static final String PASSWORD = "bench-mailbox";
  private static final String[] BODIES = {
    "Hello, the delivery for order %d arrived damaged. Please send a replacement as soon as possible.",
    "Thanks a lot for the quick help with ticket %d, everything works now. Great service!",
    "Could you send me the invoice for order %d again? The PDF in your last mail was empty.",
    "This is the third time I write about order %d. Nobody answers, I am very disappointed and will cancel.",
  };

  @Override
  public String name() {
    return "emails";
  }

  @Override
  public void run(BenchApp app, Knobs knobs, Results results) throws Exception {
    int n = knobs.emails();
    GreenMail imap = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
    imap.start();
    // the mailbox jobs stay paused: the schedule sync would add a poll job for each new channel
    // and Quartz would poll it at once, beside the measured polls below
    Scheduler quartz = app.context.getBean(Scheduler.class);
    quartz.pauseTriggers(GroupMatcher.triggerGroupEquals(MailboxSchedule.GROUP));
    try {
      String token = app.token("manager1", "manager1");
      MailboxPoller poller = app.context.getBean(MailboxPoller.class);
      app.call("PUT", "/api/customers/by-external-id/BENCH-MAIL", token, Map.of("name", "Bench Mail Ltd", "tier", "gold"), 200);
      for (int c = 0; c < 20; c++) {
        app.call("PUT", "/api/contacts/by-external-id/BENCH-MAIL-" + c, token, Map.of("customer_external_id", "BENCH-MAIL",
            "first_name", "Sender", "last_name", "No " + c, "emails", List.of(sender(c))), 200);
      }
      // warm-up: JIT, the channel's caches, the triage table
      ingest(app, imap, token, poller, "warm", Math.min(n, 50));
      readBare(imap, "warm-bare", Math.min(n, 50));

      List<Double> app1 = new ArrayList<>();
      List<Double> bare = new ArrayList<>();
      for (int run = 0; run < knobs.runs(); run++) {
        app1.add(ingest(app, imap, token, poller, "r" + run, n));
        bare.add(readBare(imap, "r" + run + "-bare", n));
      }
      results.add(new Results.Row("email ingestion, " + n + " messages waiting", "throughput", "messages/s",
          Figure.of(app1), "IMAP fetch + \\Seen only", Figure.of(bare), null, null,
          "app: MailboxPoller.poll until all are logged (parse, contact and thread, attachments, sentiment, triage DMN,"
              + " follow-ups, ledger, audit, outbox); a quarter are replies in an earlier message's thread, a quarter"
              + " HTML, a quarter with a PDF attachment"));
    } finally {
      quartz.resumeTriggers(GroupMatcher.triggerGroupEquals(MailboxSchedule.GROUP));
      imap.stop();
    }
  }

  /** Delivers n messages to a fresh mailbox with its own channel and polls until all are logged: messages/s. */
  private double ingest(BenchApp app, GreenMail imap, String token, MailboxPoller poller, String name, int n)
      throws Exception {
    GreenMailUser user = imap.setUser("support-" + name + "@bench.example", "support-" + name, PASSWORD);
    Map<String, Object> channel = new HashMap<>();
    channel.put("channel_code", "bench_mail_" + name.replace('-', '_'));
    channel.put("channel_name", "Bench mailbox " + name);
    channel.put("channel_type", "email");
    channel.put("imap_host", "127.0.0.1");
    channel.put("imap_port", imap.getImap().getPort());
    channel.put("imap_security", "none");
    channel.put("imap_username", user.getLogin());
    channel.put("imap_password", PASSWORD);
    channel.put("mailbox_address", user.getEmail());
    channel.put("poll_interval_seconds", 3600);
    UUID channelId = UUID.fromString(app.call("POST", "/api/channel-configurations", token, channel, 201).get("id").asText());
    deliver(user, name, n);
    long began = System.nanoTime();
    int logged = 0;
    while (logged < n) {
      MailboxPoller.PollResult r = poller.poll(channelId);
      if (r.error() != null || r.failed() > 0 || r.logged() == 0) {
        throw new IllegalStateException("poll of " + name + " after " + logged + " of " + n + " logged: " + r);
      }
      logged += r.logged();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    Integer stored = app.jdbc.queryForObject(
        "select count(*) from communication_logs where channel_id = ? and sentiment is not null", Integer.class, channelId);
    if (stored == null || stored != n) {
      throw new IllegalStateException("expected " + n + " triaged logs of " + name + ", found " + stored);
    }
    System.out.printf("[bench] emails %s: %d in %.1f s%n", name, n, seconds);
    return n / seconds;
  }

  /** The baseline: the same IMAP work without the application (fetch each source, flag it \Seen). */
  private double readBare(GreenMail imap, String name, int n) throws Exception {
    GreenMailUser user = imap.setUser("bare-" + name + "@bench.example", "bare-" + name, PASSWORD);
    deliver(user, name, n);
    Properties p = new Properties();
    p.put("mail.imap.host", "127.0.0.1");
    p.put("mail.imap.port", Integer.toString(imap.getImap().getPort()));
    long began = System.nanoTime();
    Store store = Session.getInstance(p).getStore("imap");
    store.connect("127.0.0.1", imap.getImap().getPort(), user.getLogin(), PASSWORD);
    long bytes = 0;
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      for (Message m : inbox.getMessages()) {
        ByteArrayOutputStream source = new ByteArrayOutputStream();
        m.writeTo(source);
        bytes += source.size();
        m.setFlag(Flags.Flag.SEEN, true);
      }
      inbox.close(false);
    } finally {
      store.close();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    if (bytes == 0) {
      throw new IllegalStateException("the bare reader read nothing");
    }
    return n / seconds;
  }

  private static void deliver(GreenMailUser user, String run, int n) throws Exception {
    Session session = Session.getInstance(new Properties());
    for (int i = 0; i < n; i++) {
      MimeMessage m = new MimeMessage(session) {
        @Override
        protected void updateMessageID() {
          // a stable id, so a reply below can point at an earlier message
        }
      };
      int c = i % 20;
      m.setFrom(new InternetAddress(sender(c), "Sender No " + c, "UTF-8"));
      m.setRecipients(Message.RecipientType.TO, user.getEmail());
      m.setHeader("Message-ID", "<" + run + "-" + i + "@customer.bench.example>");
      String body = String.format(BODIES[i % BODIES.length], 1000 + i);
      if (i % 4 == 1 && i >= 4) {
        int earlier = i - 4;
        m.setSubject("Re: Order " + (1000 + earlier), "UTF-8");
        m.setHeader("In-Reply-To", "<" + run + "-" + earlier + "@customer.bench.example>");
        m.setHeader("References", "<" + run + "-" + earlier + "@customer.bench.example>");
      } else {
        m.setSubject("Order " + (1000 + i), "UTF-8");
      }
      if (i % 4 == 2) {
        m.setContent("<html><body><p>" + body + "</p><p><b>Kind regards</b></p></body></html>", "text/html; charset=UTF-8");
      } else if (i % 4 == 3) {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setContent(("%PDF-1.4\n% order " + (1000 + i) + "\n").getBytes(StandardCharsets.US_ASCII), "application/pdf");
        pdf.setFileName("order-" + (1000 + i) + ".pdf");
        m.setContent(new MimeMultipart(text, pdf));
      } else {
        m.setText(body, "UTF-8");
      }
      m.saveChanges();
      m.setHeader("Message-ID", "<" + run + "-" + i + "@customer.bench.example>");
      user.deliver(m);
    }
  }

  private static String sender(int c) {
    return "sender" + c + "@customer.bench.example";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
