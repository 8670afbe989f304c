package com.activityflow.notification.stream;

import com.activityflow.communication.CommunicationEvent;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.task.TaskEvent;
import com.activityflow.notification.NotificationAccessPolicy;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live streams of this node. A task event goes out only after its change committed
 * (a rolled-back change is never announced) and only to users who may see the task, checked by
 * {@link NotificationAccessPolicy} (the task module's access rules) at the moment of sending.
 * Sending happens on one thread of its own, in commit order, so a slow client never holds up the
 * request that made the change. Events committed on other nodes arrive through {@link
 * ClusterFanOut}, and this node's events are announced there for the others.
 */
@Component
@EnableConfigurationProperties(EventStreamProperties.class)
class EventStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

  private record Subscriber(DirectoryUser user, SseEmitter emitter) {}

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private final NotificationAccessPolicy access;
  private final EventStreamProperties properties;
  private final ClusterFanOut cluster;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "live-events");
            t.setDaemon(true);
            return t;
          });

  EventStreams(NotificationAccessPolicy access, EventStreamProperties properties, ClusterFanOut cluster) {
    this.access = access;
    this.properties = properties;
    this.cluster = cluster;
    cluster.onRemote(e -> sender.execute(() -> deliver(e)), e -> sender.execute(() -> deliver(e)));
  }

  SseEmitter open(DirectoryUser user) {
    SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
    Subscriber subscriber = new Subscriber(user, emitter);
    subscribers.add(subscriber);
    emitter.onCompletion(() -> subscribers.remove(subscriber));
    emitter.onTimeout(() -> subscribers.remove(subscriber));
    emitter.onError(e -> subscribers.remove(subscriber));
    // tells the client (and tests) that the stream is registered before any event can be missed
    send(subscriber, SseEmitter.event().comment("connected"));
    return emitter;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void onTaskEvent(TaskEvent event) {
    sender.execute(() -> {
      deliver(event);
      cluster.announce(event);
    });
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void onCommunicationEvent(CommunicationEvent event) {
    sender.execute(() -> {
      deliver(event);
      cluster.announce(event);
    });
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Ends every open stream before the web server's graceful shutdown (this bean stops in an
   * earlier phase), which would otherwise wait for them until its timeout; clients reconnect.
   */
  @Override
  public void stop() {
    running = false;
    subscribers.forEach(s -> s.emitter().complete());
    subscribers.clear();
    cluster.onRemote(e -> {}, e -> {});
    sender.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void deliver(TaskEvent event) {
    LiveEvent live = LiveEvent.of(event);
    for (Subscriber s : subscribers) {
      boolean visible;
      try {
        visible = access.receivesLiveEvent(event, s.user());
      } catch (RuntimeException e) {
        log.warn("Could not check visibility of task {} for {}", event.taskId(), s.user().username(), e);
        continue;
      }
      if (visible) {
        send(s, SseEmitter.event().name(event.type()).id(event.taskId() + "@" + event.occurredAt()).data(live, MediaType.APPLICATION_JSON));
      }
    }
  }

  private void deliver(CommunicationEvent event) {
    LiveCommunicationEvent live = new LiveCommunicationEvent(event.type(), event.communicationLogId(), event.occurredAt(), event.data());
    for (Subscriber s : subscribers) {
      boolean visible;
      try {
        visible = access.receivesLiveEvent(event, s.user());
      } catch (RuntimeException e) {
        log.warn("Could not check visibility of communication {} for {}", event.communicationLogId(), s.user().username(), e);
        continue;
      }
      if (visible) {
        send(s, SseEmitter.event().name(event.type()).id(event.communicationLogId() + "@" + event.occurredAt())
            .data(live, MediaType.APPLICATION_JSON));
      }
    }
  }

  /** A communication event as the live stream sends it. */
  record LiveCommunicationEvent(String type, java.util.UUID communicationLogId, java.time.Instant occurredAt, java.util.Map<String, Object> data) {}

  @Scheduled(fixedDelayString = "${activityflow.events.heartbeat:PT15S}")
  void heartbeat() {
    subscribers.forEach(s -> send(s, SseEmitter.event().comment("heartbeat")));
  }

  private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
    try {
      subscriber.emitter().send(event);
    } catch (IOException | IllegalStateException e) {
      // the client went away; the container completes the emitter
      subscribers.remove(subscriber);
      subscriber.emitter().completeWithError(e);
    }
  }
}
