package com.activityflow.notification.stream;

import com.activityflow.communication.CommunicationEvent;
import com.activityflow.task.TaskEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Live events across the nodes of a cluster. Each node announces the events of its own commits
 * on the PostgreSQL channel {@value #CHANNEL} ({@code pg_notify}, which PostgreSQL hands to every
 * listening session once the announcing statement commits) and listens on that channel on a
 * connection of its own, passing the other nodes' events to its streams. A node recognises its
 * own announcements by a random id per start, so its clients get each event once.
 *
 * <p>Best effort, like the stream itself: what is announced while a node's listening connection
 * is down (a database restart) is not replayed; the node listens again by itself and clients read
 * the current state through the API when they reconnect.
 */
@Component
class ClusterFanOut implements SmartLifecycle {

  static final String CHANNEL = "activityflow_live_events";

  /** PostgreSQL refuses payloads of 8000 bytes and more; an event's data is dropped above this. */
  static final int MAX_PAYLOAD_BYTES = 7900;

  private static final Logger log = LoggerFactory.getLogger(ClusterFanOut.class);
  private static final Duration RETRY = Duration.ofSeconds(2);
  private static final int POLL_MILLIS = 500;

  /**
   * What goes over the channel: the announcing node's id and one event (snake_case JSON). Nodes
   * of different versions share the channel during a rolling update: fields are only ever added.
   */
  record Envelope(String origin, TaskEvent task, CommunicationEvent communication) {}

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final String origin = UUID.randomUUID().toString();
  private volatile Consumer<TaskEvent> taskEvents = e -> {};
  private volatile Consumer<CommunicationEvent> communicationEvents = e -> {};
  private volatile boolean running;
  private Thread listener;

  ClusterFanOut(DataSource dataSource, JdbcTemplate jdbc, ObjectMapper json) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Where the other nodes' events go (this node's streams). */
  void onRemote(Consumer<TaskEvent> tasks, Consumer<CommunicationEvent> communications) {
    this.taskEvents = tasks;
    this.communicationEvents = communications;
  }

  /** Announces a committed event of this node to the others; never throws. */
  void announce(TaskEvent event) {
    String payload = payload(new Envelope(origin, event, null));
    if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      payload = payload(new Envelope(origin,
          new TaskEvent(event.type(), event.taskId(), event.companyId(), event.actorUserId(), event.occurredAt(), Map.of()), null));
    }
    notify(payload);
  }

  /** Announces a committed event of this node to the others; never throws. */
  void announce(CommunicationEvent event) {
    String payload = payload(new Envelope(origin, null, event));
    if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      payload = payload(new Envelope(origin, null, new CommunicationEvent(event.type(), event.communicationLogId(),
          event.companyId(), event.actorUserId(), event.occurredAt(), Map.of())));
    }
    notify(payload);
  }

  private String payload(Envelope envelope) {
    try {
      return json.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A live event could not be written as JSON", e);
    }
  }

  private void notify(String payload) {
    try {
      jdbc.queryForList("select pg_notify(?, ?)", CHANNEL, payload);
    } catch (DataAccessException e) {
      log.warn("Live event not announced to other nodes: {}", e.getMostSpecificCause().getMessage());
    }
  }

  void receive(String payload) {
    Envelope envelope;
    try {
      envelope = json.readValue(payload, Envelope.class);
    } catch (JsonProcessingException e) {
      log.warn("Ignoring an unreadable live event from another node: {}", e.getOriginalMessage());
      return;
    }
    if (origin.equals(envelope.origin())) {
      return;
    }
    if (envelope.task() != null) {
      taskEvents.accept(envelope.task());
    }
    if (envelope.communication() != null) {
      communicationEvents.accept(envelope.communication());
    }
  }

  @Override
  public void start() {
    running = true;
    listener = new Thread(this::listen, "live-events-cluster");
    listener.setDaemon(true);
    listener.start();
  }

  @Override
  public void stop() {
    running = false;
    if (listener != null) {
      listener.interrupt();
      try {
        listener.join(POLL_MILLIS * 4L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listen() {
    boolean warned = false;
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
          PGConnection pg = connection.unwrap(PGConnection.class);
          if (warned) {
            log.info("Listening to other nodes' live events again");
            warned = false;
          }
          while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
              for (PGNotification n : notifications) {
                receive(n.getParameter());
              }
            }
          }
        } finally {
          unlisten(connection);
        }
      } catch (SQLException | RuntimeException e) {
        if (running && !warned) {
          log.warn("Not listening to other nodes' live events (retrying every {} s): {}", RETRY.toSeconds(), e.getMessage());
          warned = true;
        }
        pause();
      }
    }
  }

  /** The connection goes back to the pool; it must not keep collecting notifications there. */
  private static void unlisten(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("UNLISTEN *");
    } catch (SQLException broken) {
      // a broken connection is dropped by the pool
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
