package com.activityflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The access matrix of seed 000/001 section 10.1, walked for every endpoint of the application:
 * each row is one endpoint, and it is called by every role (rep, team lead, manager, admin,
 * analyst) on a record of every ownership case (the caller's own, a teammate's, another team's,
 * another company's); each answer must be exactly the allow or deny the row's rule says.
 * Denied means 401, 403 or 404 (a record the caller may not see does not exist for it); allowed
 * means any other answer below 500 (a 409 for a stale version still shows the caller got past
 * the access checks, which run first). List endpoints are judged by whether the record shows up.
 *
 * <p>The endpoints are read from Spring's {@link RequestMappingHandlerMapping}: an endpoint of
 * the application without a row fails {@link #everyEndpointHasARow}, so a new endpoint cannot
 * be forgotten. <b>Adding a row</b> for a new endpoint: add one {@code row(...)} line to
 * {@link #rows} with
 * <ol>
 *   <li>the endpoint exactly as the failure message prints it, e.g. {@code "GET /api/communication-logs/{id}"};
 *   <li>its scope: {@code USER} for records someone owns (all four ownership cases, the target gets
 *       the owner), {@code COMPANY} for company-wide records (own company and another company),
 *       {@code NONE} for endpoints without a record (one call per role);
 *   <li>a target: a lambda {@code (w, actor, owner) -> Call.json("GET", "/api/...", body)} that
 *       builds the request; create the record as its owner with the helpers of {@link World}
 *       (e.g. {@code w.taskOf(owner)}) or with {@code w.as(owner)} and the HTTP helpers, fresh per
 *       call when the request destroys it;
 *   <li>the rule: {@code SEES_TASK}, {@code ANY}, {@code roles(MANAGER, ADMIN)}, ... or a new one.
 * </ol>
 */
class RoleMatrixTest extends IntegrationTest {

  enum Actor { REP, TEAM_LEAD, MANAGER, ADMIN, ANALYST }

  enum Owner { OWN, TEAMMATE, OTHER_TEAM, OTHER_COMPANY }

  /** Which ownership cases a row is called with. */
  enum Scope {
    /** a record a user owns: all four cases */
    USER(EnumSet.allOf(Owner.class)),
    /** a company-wide record: the caller's company (as OWN) and another company */
    COMPANY(EnumSet.of(Owner.OWN, Owner.OTHER_COMPANY)),
    /** no record: one call per role */
    NONE(EnumSet.of(Owner.OWN));

    final Set<Owner> owners;

    Scope(Set<Owner> owners) {
      this.owners = owners;
    }
  }

  /** One request of a cell. {@code token == false} sends no bearer token (public endpoints). */
  record Call(String method, String path, Object body, Kind kind) {
    enum Kind { JSON, NO_TOKEN, MULTIPART, STREAM }

    static Call json(String method, String path, Object body) {
      return new Call(method, path, body, Kind.JSON);
    }

    static Call get(String path) {
      return json("GET", path, null);
    }
  }

  @FunctionalInterface
  interface Target {
    Call build(World w, Actor actor, DirectoryUser owner);
  }

  @FunctionalInterface
  interface Rule {
    boolean allows(Actor actor, Owner owner);
  }

  /** Whether an answer means "allowed"; by default anything but 401, 403 and 404. */
  @FunctionalInterface
  interface Verdict {
    boolean allowed(Response response, World w, DirectoryUser owner);
  }

  record Row(String endpoint, Scope scope, Target target, Rule rule, Verdict verdict) {}

  // ---- the rules of seed 000/001 section 10.1 -------------------------------------------------

  /** Any user of the record's company. */
  static final Rule ANY = (a, o) -> o != Owner.OTHER_COMPANY;

  /** Only the record's owner. */
  static final Rule OWN_ONLY = (a, o) -> o == Owner.OWN;

  /** Holding the URL is the credential (calendar feeds): anyone, even without a token. */
  static final Rule ANYONE_WITH_THE_URL = (a, o) -> true;

  /**
   * Which tasks a user sees: its own; reps their team's public tasks and team leads their team's;
   * managers and admins the whole company. Analysts belong to no team: only their own.
   */
  static final Rule SEES_TASK =
      (a, o) ->
          switch (o) {
            case OWN -> true;
            case TEAMMATE -> a != Actor.ANALYST;
            case OTHER_TEAM -> a == Actor.MANAGER || a == Actor.ADMIN;
            case OTHER_COMPANY -> false;
          };

  /** Nobody, whatever role: the request needs a credential no user has (a provider's signature). */
  static final Rule NOBODY = (a, o) -> false;

  /**
   * Which communication logs a user sees (seed 001): its own; reps their team's non-internal
   * ones, team leads their team's; managers and admins the company's. Analysts none.
   */
  static final Rule SEES_LOG =
      (a, o) ->
          a != Actor.ANALYST
              && switch (o) {
                case OWN, TEAMMATE -> true;
                case OTHER_TEAM -> a == Actor.MANAGER || a == Actor.ADMIN;
                case OTHER_COMPANY -> false;
              };

  /** Changing a log: as seeing it, except that a rep may only read its teammates' logs. */
  static final Rule CHANGES_LOG = (a, o) -> SEES_LOG.allows(a, o) && !(a == Actor.REP && o == Owner.TEAMMATE);

  /** A series may be stopped by its creator, the creator's team lead, managers and admins. */
  static final Rule STOPS_SERIES =
      (a, o) ->
          o != Owner.OTHER_COMPANY
              && (o == Owner.OWN || a == Actor.MANAGER || a == Actor.ADMIN || (a == Actor.TEAM_LEAD && o == Owner.TEAMMATE));

  static Rule roles(Actor... allowed) {
    Set<Actor> set = EnumSet.copyOf(List.of(allowed));
    return (a, o) -> o != Owner.OTHER_COMPANY && set.contains(a);
  }

  static Rule seesTaskAnd(Actor... allowed) {
    Rule role = roles(allowed);
    return (a, o) -> SEES_TASK.allows(a, o) && role.allows(a, o);
  }

  static final Verdict NOT_DENIED = (r, w, owner) -> r.status() != 401 && r.status() != 403 && r.status() != 404;

  /** A list judged by whether the owner's record is in it. */
  static Verdict listContains(String arrayField, java.util.function.BiFunction<World, DirectoryUser, String> id) {
    return (r, w, owner) -> {
      if (r.status() != 200) {
        return false;
      }
      JsonNode items = arrayField == null ? r.body() : r.body().get(arrayField);
      String wanted = id.apply(w, owner);
      return StreamSupport.stream(items.spliterator(), false).anyMatch(i -> wanted.equals(i.get("id").asText()));
    };
  }

  // ---- the matrix ------------------------------------------------------------------------------

  private List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    // tasks
    rows.add(row("POST /api/tasks", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/tasks", Map.of("task_title", "matrix", "task_type", "call")), ANY));
    rows.add(row("GET /api/tasks", Scope.USER,
        (w, a, o) -> w.listing(w.taskOf(o), "/api/tasks?page_size=200&assigned_to_user_id=" + o.id()), SEES_TASK,
        listContains("items", World::taskOf)));
    rows.add(row("GET /api/tasks/{id}", Scope.USER, (w, a, o) -> Call.get("/api/tasks/" + w.taskOf(o)), SEES_TASK));
    rows.add(row("PUT /api/tasks/{id}", Scope.USER,
        (w, a, o) -> Call.json("PUT", "/api/tasks/" + w.taskOf(o), Map.of("version", 999999)), SEES_TASK));
    rows.add(row("DELETE /api/tasks/{id}", Scope.USER,
        (w, a, o) -> Call.json("DELETE", "/api/tasks/" + w.freshTask(o), null), seesTaskAnd(Actor.MANAGER, Actor.ADMIN)));
    rows.add(row("POST /api/tasks/bulk", Scope.USER,
        (w, a, o) -> Call.json("POST", "/api/tasks/bulk", Map.of("action", "delete", "task_ids", List.of(w.freshTask(o)))),
        seesTaskAnd(Actor.MANAGER, Actor.ADMIN),
        (r, w, o) -> r.status() == 200 && r.body().get("results").get(0).get("ok").asBoolean()));
    rows.add(row("POST /api/tasks/{id}/assign", Scope.USER,
        (w, a, o) -> Call.json("POST", "/api/tasks/" + w.taskOf(o) + "/assign",
            Map.of("assigned_to_user_id", o.id(), "version", 999999)), SEES_TASK));
    rows.add(row("GET /api/tasks/{id}/comments", Scope.USER,
        (w, a, o) -> Call.get("/api/tasks/" + w.taskOf(o) + "/comments"), SEES_TASK));
    rows.add(row("POST /api/tasks/{id}/comments", Scope.USER,
        (w, a, o) -> Call.json("POST", "/api/tasks/" + w.taskOf(o) + "/comments", Map.of("comment_text", "matrix")), SEES_TASK));
    rows.add(row("GET /api/tasks/{id}/history", Scope.USER,
        (w, a, o) -> Call.get("/api/tasks/" + w.taskOf(o) + "/history"), SEES_TASK));
    rows.add(row("PUT /api/tasks/{id}/tags", Scope.USER,
        (w, a, o) -> Call.json("PUT", "/api/tasks/" + w.taskOf(o) + "/tags", Map.of("tags", List.of("matrix"))), SEES_TASK));
    rows.add(row("GET /api/tasks/{id}/watchers", Scope.USER,
        (w, a, o) -> Call.get("/api/tasks/" + w.taskOf(o) + "/watchers"), SEES_TASK));
    // adding or removing someone else as watcher needs a team lead or above
    rows.add(row("POST /api/tasks/{id}/watchers", Scope.USER,
        (w, a, o) -> Call.json("POST", "/api/tasks/" + w.taskOf(o) + "/watchers", Map.of("user_id", w.acme.rep3().id())),
        seesTaskAnd(Actor.TEAM_LEAD, Actor.MANAGER, Actor.ADMIN)));
    rows.add(row("DELETE /api/tasks/{id}/watchers/{userId}", Scope.USER,
        (w, a, o) -> Call.json("DELETE", "/api/tasks/" + w.taskOf(o) + "/watchers/" + w.acme.rep3().id(), null),
        seesTaskAnd(Actor.TEAM_LEAD, Actor.MANAGER, Actor.ADMIN)));
    rows.add(row("POST /api/tasks/{id}/attachments", Scope.USER,
        (w, a, o) -> new Call("POST", "/api/tasks/" + w.taskOf(o) + "/attachments", null, Call.Kind.MULTIPART), SEES_TASK));
    rows.add(row("GET /api/tasks/{id}/attachments", Scope.USER,
        (w, a, o) -> Call.get("/api/tasks/" + w.taskOf(o) + "/attachments"), SEES_TASK));
    rows.add(row("GET /api/tasks/{id}/attachments/{attachmentId}/content", Scope.USER,
        (w, a, o) -> Call.get("/api/tasks/" + w.taskOf(o) + "/attachments/" + w.attachmentOf(o) + "/content"), SEES_TASK));
    rows.add(row("DELETE /api/tasks/{id}/attachments/{attachmentId}", Scope.USER,
        (w, a, o) -> Call.json("DELETE", "/api/tasks/" + w.taskOf(o) + "/attachments/" + w.freshAttachment(o), null), SEES_TASK));
    rows.add(row("GET /api/tasks/{id}/dependencies", Scope.USER,
        (w, a, o) -> Call.get("/api/tasks/" + w.taskOf(o) + "/dependencies"), SEES_TASK));
    rows.add(row("POST /api/tasks/{id}/dependencies", Scope.USER,
        (w, a, o) -> Call.json("POST", "/api/tasks/" + w.taskOf(o) + "/dependencies", Map.of("predecessor_id", w.secondTaskOf(o))),
        SEES_TASK));
    rows.add(row("DELETE /api/tasks/{id}/dependencies/{predecessorId}", Scope.USER,
        (w, a, o) -> Call.json("DELETE", "/api/tasks/" + w.taskOf(o) + "/dependencies/" + w.freshDependency(o), null), SEES_TASK));
    // statuses and templates
    rows.add(row("GET /api/task-statuses", Scope.NONE, (w, a, o) -> Call.get("/api/task-statuses"), ANY));
    rows.add(row("PUT /api/task-statuses/{code}", Scope.NONE,
        (w, a, o) -> Call.json("PUT", "/api/task-statuses/pending", Map.of("version", 999999)), roles(Actor.MANAGER, Actor.ADMIN)));
    rows.add(row("GET /api/task-templates", Scope.COMPANY, (w, a, o) -> w.listing(w.templateOf(o), "/api/task-templates"), ANY,
        listContains(null, World::templateOf)));
    rows.add(row("GET /api/task-templates/{id}", Scope.COMPANY, (w, a, o) -> Call.get("/api/task-templates/" + w.templateOf(o)), ANY));
    rows.add(row("POST /api/task-templates", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/task-templates", w.templateBody()), roles(Actor.TEAM_LEAD, Actor.MANAGER, Actor.ADMIN)));
    rows.add(row("PUT /api/task-templates/{id}", Scope.COMPANY,
        (w, a, o) -> Call.json("PUT", "/api/task-templates/" + w.templateOf(o), Map.of("version", 999999)),
        roles(Actor.TEAM_LEAD, Actor.MANAGER, Actor.ADMIN)));
    rows.add(row("DELETE /api/task-templates/{id}", Scope.COMPANY,
        (w, a, o) -> Call.json("DELETE", "/api/task-templates/" + w.freshTemplate(o), null),
        roles(Actor.TEAM_LEAD, Actor.MANAGER, Actor.ADMIN)));
    // series
    rows.add(row("POST /api/task-series", Scope.NONE, (w, a, o) -> Call.json("POST", "/api/task-series", World.seriesBody()), ANY));
    rows.add(row("GET /api/task-series", Scope.USER, (w, a, o) -> w.listing(w.seriesOf(o), "/api/task-series?page_size=200"), ANY,
        listContains("items", World::seriesOf)));
    rows.add(row("GET /api/task-series/{id}", Scope.USER, (w, a, o) -> Call.get("/api/task-series/" + w.seriesOf(o)), ANY));
    rows.add(row("PUT /api/task-series/{id}", Scope.USER,
        (w, a, o) -> Call.json("PUT", "/api/task-series/" + w.seriesOf(o), Map.of("version", 999999)), ANY));
    rows.add(row("DELETE /api/task-series/{id}", Scope.USER,
        (w, a, o) -> Call.json("DELETE", "/api/task-series/" + w.freshSeries(o), null), STOPS_SERIES));
    rows.add(row("POST /api/task-series/{id}/stop", Scope.USER,
        (w, a, o) -> Call.json("POST", "/api/task-series/" + w.freshSeries(o) + "/stop", null), STOPS_SERIES));
    // notifications and the live stream
    rows.add(row("GET /api/notifications", Scope.USER, (w, a, o) -> w.listing(w.notificationOf(o), "/api/notifications?page_size=200"), OWN_ONLY,
        listContains("items", World::notificationOf)));
    rows.add(row("GET /api/notifications/unread-count", Scope.NONE, (w, a, o) -> Call.get("/api/notifications/unread-count"), ANY));
    rows.add(row("POST /api/notifications/{id}/read", Scope.USER,
        (w, a, o) -> Call.json("POST", "/api/notifications/" + w.notificationOf(o) + "/read", null), OWN_ONLY));
    rows.add(row("POST /api/notifications/read-all", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/notifications/read-all", null), ANY));
    rows.add(row("GET /api/events/stream", Scope.NONE,
        (w, a, o) -> new Call("GET", "/api/events/stream", null, Call.Kind.STREAM), ANY));
    // webhooks
    Rule webhookManagers = roles(Actor.MANAGER, Actor.ADMIN);
    rows.add(row("POST /api/webhooks", Scope.NONE, (w, a, o) -> Call.json("POST", "/api/webhooks", World.webhookBody()), webhookManagers));
    rows.add(row("GET /api/webhooks", Scope.COMPANY, (w, a, o) -> w.listing(w.webhookOf(o), "/api/webhooks"), webhookManagers,
        listContains(null, World::webhookOf)));
    rows.add(row("GET /api/webhooks/{id}", Scope.COMPANY, (w, a, o) -> Call.get("/api/webhooks/" + w.webhookOf(o)), webhookManagers));
    rows.add(row("PUT /api/webhooks/{id}", Scope.COMPANY,
        (w, a, o) -> Call.json("PUT", "/api/webhooks/" + w.webhookOf(o), Map.of("active", true)), webhookManagers));
    rows.add(row("DELETE /api/webhooks/{id}", Scope.COMPANY,
        (w, a, o) -> Call.json("DELETE", "/api/webhooks/" + w.freshWebhook(o), null), webhookManagers));
    rows.add(row("GET /api/webhooks/{id}/deliveries", Scope.COMPANY,
        (w, a, o) -> Call.get("/api/webhooks/" + w.webhookOf(o) + "/deliveries"), webhookManagers));
    // calendar feed
    rows.add(row("POST /api/calendar-feed", Scope.NONE, (w, a, o) -> Call.json("POST", "/api/calendar-feed", null), ANY));
    rows.add(row("DELETE /api/calendar-feed", Scope.NONE, (w, a, o) -> Call.json("DELETE", "/api/calendar-feed", null), ANY));
    rows.add(row("GET /calendar/{token}.ics", Scope.USER,
        (w, a, o) -> new Call("GET", w.freshCalendarPath(o), null, Call.Kind.NO_TOKEN), ANYONE_WITH_THE_URL));
    // administration
    rows.add(row("GET /api/admin/audit", Scope.NONE, (w, a, o) -> Call.get("/api/admin/audit"), roles(Actor.ADMIN)));
    rows.add(row("GET /api/admin/audit/export", Scope.NONE, (w, a, o) -> Call.get("/api/admin/audit/export"), roles(Actor.ADMIN)));
    rows.add(row("POST /api/admin/models/validate", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/admin/models/validate", null), roles(Actor.ADMIN, Actor.ANALYST)));
    rows.add(row("POST /api/admin/models/deploy", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/admin/models/deploy", null), roles(Actor.ADMIN)));
    rows.add(row("GET /api/admin/models/deployments", Scope.NONE,
        (w, a, o) -> Call.get("/api/admin/models/deployments"), roles(Actor.ADMIN)));
    rows.add(row("POST /api/admin/processes/{key}/migrate", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/admin/processes/task-lifecycle/migrate?dry_run=true", null), roles(Actor.ADMIN)));
    rows.add(row("GET /api/admin/models/docs", Scope.NONE,
        (w, a, o) -> Call.get("/api/admin/models/docs"), roles(Actor.ADMIN, Actor.ANALYST)));
    rows.add(row("GET /api/admin/models/docs/{page}", Scope.NONE,
        (w, a, o) -> Call.get("/api/admin/models/docs/index"), roles(Actor.ADMIN, Actor.ANALYST)));
    // communications (seed 001): reps, team leads, managers and admins; analysts read model pages only
    Rule logsCommunications = roles(Actor.REP, Actor.TEAM_LEAD, Actor.MANAGER, Actor.ADMIN);
    Rule configuresCommunications = roles(Actor.MANAGER, Actor.ADMIN);
    rows.add(row("POST /api/communication-logs", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/communication-logs", w.callLog(w.actor(a))), logsCommunications));
    rows.add(row("GET /api/communication-logs", Scope.USER,
        (w, a, o) -> w.listing(w.logOf(o), "/api/communication-logs?page_size=200&assigned_to_user_id=" + w.logOwner(o).id()),
        SEES_LOG, listContains("items", World::logOf)));
    rows.add(row("GET /api/communication-logs/{id}", Scope.USER, (w, a, o) -> Call.get("/api/communication-logs/" + w.logOf(o)), SEES_LOG));
    rows.add(row("PUT /api/communication-logs/{id}", Scope.USER,
        (w, a, o) -> Call.json("PUT", "/api/communication-logs/" + w.logOf(o), Map.of("version", 999999)), CHANGES_LOG));
    rows.add(row("POST /api/communication-logs/{id}/assign", Scope.USER,
        (w, a, o) -> Call.json("POST", "/api/communication-logs/" + w.freshLog(o) + "/assign",
            Map.of("assigned_to_user_id", w.actor(a).id(), "notify_assignee", false)), CHANGES_LOG));
    rows.add(row("DELETE /api/communication-logs/{id}", Scope.USER,
        (w, a, o) -> Call.json("DELETE", "/api/communication-logs/" + w.freshLog(o), null),
        (a, o) -> SEES_LOG.allows(a, o) && (a == Actor.MANAGER || a == Actor.ADMIN)));
    rows.add(row("POST /api/communication-attachments", Scope.USER,
        (w, a, o) -> new Call("POST", "/api/communication-attachments?communication_log_id=" + w.logOf(o), null, Call.Kind.MULTIPART),
        CHANGES_LOG));
    rows.add(row("GET /api/communication-attachments", Scope.USER,
        (w, a, o) -> w.listing(w.logAttachmentOf(o), "/api/communication-attachments?page_size=200"), SEES_LOG,
        listContains("items", World::logAttachmentOf)));
    rows.add(row("GET /api/communication-attachments/{id}/content", Scope.USER,
        (w, a, o) -> Call.get("/api/communication-attachments/" + w.logAttachmentOf(o) + "/content"), SEES_LOG));
    rows.add(row("GET /api/communication-categories", Scope.NONE, (w, a, o) -> Call.get("/api/communication-categories"), logsCommunications));
    rows.add(row("POST /api/communication-categories", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/communication-categories", Map.of("category_code", "m" + (++w.sequence),
            "category_name", "Matrix")), configuresCommunications));
    rows.add(row("PUT /api/communication-categories/{id}", Scope.COMPANY,
        (w, a, o) -> Call.json("PUT", "/api/communication-categories/" + w.categoryOf(o), Map.of("category_code", "matrix",
            "category_name", "Matrix", "version", 999999)), configuresCommunications));
    rows.add(row("GET /api/channel-configurations", Scope.NONE, (w, a, o) -> Call.get("/api/channel-configurations"), logsCommunications));
    rows.add(row("GET /api/channel-configurations/{id}", Scope.COMPANY,
        (w, a, o) -> Call.get("/api/channel-configurations/" + w.phoneChannelOf(o)), logsCommunications));
    rows.add(row("POST /api/channel-configurations", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/channel-configurations", Map.of("channel_code", "m" + (++w.sequence),
            "channel_name", "Matrix", "channel_type", "chat")), configuresCommunications));
    rows.add(row("PUT /api/channel-configurations/{id}", Scope.COMPANY,
        (w, a, o) -> Call.json("PUT", "/api/channel-configurations/" + w.phoneChannelOf(o), Map.of("channel_code", "phone",
            "channel_name", "Phone", "channel_type", "phone", "version", 999999)), configuresCommunications));
    rows.add(row("GET /api/customers", Scope.NONE, (w, a, o) -> Call.get("/api/customers"), logsCommunications));
    rows.add(row("PUT /api/customers/by-external-id/{externalId}", Scope.NONE,
        (w, a, o) -> Call.json("PUT", "/api/customers/by-external-id/EXT-M" + (++w.sequence), Map.of("name", "Matrix Ltd")),
        configuresCommunications));
    rows.add(row("GET /api/contacts", Scope.NONE, (w, a, o) -> Call.get("/api/contacts"), logsCommunications));
    rows.add(row("GET /api/contacts/{id}", Scope.COMPANY, (w, a, o) -> Call.get("/api/contacts/" + w.contactOf(o)), logsCommunications));
    rows.add(row("PUT /api/contacts/by-external-id/{externalId}", Scope.NONE,
        (w, a, o) -> Call.json("PUT", "/api/contacts/by-external-id/CT-M" + (++w.sequence),
            Map.of("customer_id", w.acme.platinumCustomerId(), "first_name", "Mat", "last_name", "Rix")), configuresCommunications));
    rows.add(row("POST /api/communication-logs/{id}/reply", Scope.USER,
        (w, a, o) -> Call.json("POST", "/api/communication-logs/" + w.logOf(o) + "/reply", Map.of("content", "Thanks, we are on it.")),
        CHANGES_LOG));
    rows.add(row("GET /api/communication-logs/{id}/follow-up", Scope.USER,
        (w, a, o) -> Call.get("/api/communication-logs/" + w.logOf(o) + "/follow-up"), SEES_LOG,
        (r, w, owner) -> r.status() == 200 || (r.status() == 404 && String.valueOf(r.body()).contains("Follow-up"))));
    // privacy (GDPR) and retention: managers and admins of the contact's company
    rows.add(row("GET /api/contacts/{id}/personal-data", Scope.COMPANY,
        (w, a, o) -> Call.get("/api/contacts/" + w.contactOf(o) + "/personal-data"), configuresCommunications));
    rows.add(row("POST /api/contacts/{id}/erase", Scope.COMPANY,
        (w, a, o) -> Call.json("POST", "/api/contacts/" + w.freshContact(o) + "/erase", Map.of("reason", "matrix request")),
        configuresCommunications));
    rows.add(row("POST /api/admin/retention/run", Scope.NONE,
        (w, a, o) -> Call.json("POST", "/api/admin/retention/run?dry_run=true", null), configuresCommunications));
    // the telephony provider's webhook: only the channel's signature counts, never a user's token
    rows.add(row("POST /hooks/telephony/{channelId}", Scope.COMPANY,
        (w, a, o) -> Call.json("POST", "/hooks/telephony/" + w.phoneChannelOf(o), Map.of("event", "call.started",
            "call_id", "matrix-" + (++w.sequence))), NOBODY));
    // logging in is for everyone, with its own credentials
    rows.add(row("POST /api/auth/token", Scope.NONE,
        (w, a, o) -> new Call("POST", "/api/auth/token", Map.of("username", o.username(), "password", o.username()), Call.Kind.NO_TOKEN),
        ANY));
    return rows;
  }

  private static Row row(String endpoint, Scope scope, Target target, Rule rule) {
    return new Row(endpoint, scope, target, rule, NOT_DENIED);
  }

  private static Row row(String endpoint, Scope scope, Target target, Rule rule, Verdict verdict) {
    return new Row(endpoint, scope, target, rule, verdict);
  }

  // ---- the tests -------------------------------------------------------------------------------

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlerMapping;

  @Test
  void everyEndpointHasARow() {
    Set<String> endpoints = new TreeSet<>();
    handlerMapping.getHandlerMethods().forEach((info, method) -> {
      if (!method.getBeanType().getPackageName().startsWith("com.activityflow")) {
        return; // Spring's error page, springdoc
      }
      for (String pattern : info.getPatternValues()) {
        info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + pattern));
      }
    });
    Set<String> covered = rows().stream().map(Row::endpoint).collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(endpoints);
    missing.removeAll(covered);
    Set<String> stale = new TreeSet<>(covered);
    stale.removeAll(endpoints);
    assertThat(missing).as("endpoints without a row in RoleMatrixTest (see its Javadoc for how to add one)").isEmpty();
    assertThat(stale).as("rows of RoleMatrixTest for endpoints that do not exist").isEmpty();
  }

  @Test
  void everyRoleGetsExactlyWhatTheMatrixSaysOnEveryEndpoint() {
    World w = new World(companies.create(), companies.create());
    List<String> mismatches = new ArrayList<>();
    int cells = 0;
    for (Row row : rows()) {
      for (Actor actor : Actor.values()) {
        for (Owner ownership : row.scope().owners) {
          DirectoryUser owner = w.owner(actor, ownership);
          Call call = row.target().build(w, actor, owner);
          Response r = w.send(actor, call);
          cells++;
          boolean expected = row.rule().allows(actor, ownership);
          if (r.status() >= 500) {
            mismatches.add(row.endpoint() + " as " + actor + " on " + ownership + ": server error " + r.status() + " " + r.body());
          } else if (row.verdict().allowed(r, w, owner) != expected) {
            mismatches.add(row.endpoint() + " as " + actor + " on " + ownership + " record: expected "
                + (expected ? "allowed" : "denied") + ", got " + r.status() + " " + abbreviated(r.body()));
          }
        }
      }
    }
    assertThat(cells).isGreaterThan(500);
    assertThat(mismatches).isEmpty();
  }

  private static String abbreviated(JsonNode body) {
    String text = String.valueOf(body);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /**
   * Two companies and the records of the matrix, created as their owners through the API. The
   * shared records (one task, series, attachment ... per owner) are made on first use.
   */
  final class World {
    final Staff acme;
    final Staff other;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> cache = new LinkedHashMap<>();
    int sequence;

    World(Staff acme, Staff other) {
      this.acme = acme;
      this.other = other;
      // the matrix creates many tasks per user; capacity is not what it tests
      companies.raiseCapacities(acme, 1000);
      companies.raiseCapacities(other, 1000);
    }

    DirectoryUser actor(Actor actor) {
      return switch (actor) {
        case REP -> acme.rep1();
        case TEAM_LEAD -> acme.lead();
        case MANAGER -> acme.manager();
        case ADMIN -> acme.admin();
        case ANALYST -> acme.analyst();
      };
    }

    /**
     * The owner of the record a cell works on. Managers, admins and analysts belong to no team:
     * for them a "teammate" is a rep of the sales team, "another team" the key accounts team.
     */
    DirectoryUser owner(Actor actor, Owner owner) {
      return switch (owner) {
        case OWN -> actor(actor);
        case TEAMMATE -> actor == Actor.REP ? acme.rep2() : acme.rep1();
        case OTHER_TEAM -> acme.keyAccountManager();
        case OTHER_COMPANY -> other.rep1();
      };
    }

    Staff companyOf(DirectoryUser user) {
      return user.companyId().equals(acme.companyId()) ? acme : other;
    }

    String as(DirectoryUser user) {
      return tokens.computeIfAbsent(user.username(), u -> tokenFor(user));
    }

    Response send(Actor actor, Call call) {
      String token = as(actor(actor));
      return switch (call.kind()) {
        case JSON -> RoleMatrixTest.this.send(call.method(), call.path(), token, call.body());
        case NO_TOKEN -> RoleMatrixTest.this.send(call.method(), call.path(), null, call.body());
        case MULTIPART -> upload(call.path(), token, "matrix.txt", "text/plain", "matrix".getBytes(StandardCharsets.UTF_8));
        case STREAM -> new Response(streamStatus(call.path(), token), json.nullNode(), Map.of());
      };
    }

    /** A list request, once the record it should (or should not) show exists. */
    Call listing(String recordId, String path) {
      assertThat(recordId).isNotNull();
      return Call.get(path);
    }

    private String once(String key, java.util.function.Supplier<String> create) {
      String known = cache.get(key);
      if (known == null) {
        known = create.get();
        cache.put(key, known);
      }
      return known;
    }

    private String created(Response r) {
      assertThat(r.status()).as("fixture: %s", r.body()).isIn(200, 201);
      return r.text("id");
    }

    /** A public task the owner created and is assigned to (so it lands in the owner's team). */
    String freshTask(DirectoryUser owner) {
      return created(post("/api/tasks", as(owner), Map.of(
          "task_title", "Task of " + owner.username() + " " + (++sequence), "task_type", "call",
          "assigned_to_user_id", owner.id())));
    }

    String taskOf(DirectoryUser owner) {
      return once("task:" + owner.username(), () -> freshTask(owner));
    }

    String secondTaskOf(DirectoryUser owner) {
      return once("task2:" + owner.username(), () -> freshTask(owner));
    }

    String freshAttachment(DirectoryUser owner) {
      return created(upload("/api/tasks/" + taskOf(owner) + "/attachments", as(owner), "note.txt", "text/plain",
          "a note".getBytes(StandardCharsets.UTF_8)));
    }

    String attachmentOf(DirectoryUser owner) {
      return once("attachment:" + owner.username(), () -> freshAttachment(owner));
    }

    /** Makes the owner's task wait for a fresh task of the owner; answers the predecessor. */
    String freshDependency(DirectoryUser owner) {
      String predecessor = freshTask(owner);
      Response r = post("/api/tasks/" + taskOf(owner) + "/dependencies", as(owner), Map.of("predecessor_id", predecessor));
      assertThat(r.status()).as("fixture: %s", r.body()).isEqualTo(201);
      return predecessor;
    }

    static Map<String, Object> seriesBody() {
      return Map.of("task_title", "Weekly check", "task_type", "follow_up", "rrule", "FREQ=WEEKLY;BYDAY=MO",
          "dtstart", "2031-01-06T09:00:00", "time_zone", "Europe/Berlin");
    }

    String freshSeries(DirectoryUser owner) {
      return created(post("/api/task-series", as(owner), seriesBody()));
    }

    String seriesOf(DirectoryUser owner) {
      return once("series:" + owner.username(), () -> freshSeries(owner));
    }

    /** A notification of the owner: someone else assigns it a task. */
    String notificationOf(DirectoryUser owner) {
      return once("notification:" + owner.username(), () -> {
        Staff company = companyOf(owner);
        DirectoryUser assigner = owner.id().equals(company.manager().id()) ? company.admin() : company.manager();
        created(post("/api/tasks", as(assigner), Map.of("task_title", "For " + owner.username(), "task_type", "call",
            "assigned_to_user_id", owner.id())));
        JsonNode items = get("/api/notifications?page_size=1", as(owner)).body().get("items");
        assertThat(items).as("fixture: a notification of %s", owner.username()).isNotEmpty();
        return items.get(0).get("id").asText();
      });
    }

    Map<String, Object> templateBody() {
      return Map.of("template_name", "Matrix", "template_code", "M" + UUID.randomUUID().toString().substring(0, 8),
          "task_type", "call", "title_template", "Matrix call");
    }

    String freshTemplate(DirectoryUser owner) {
      return created(post("/api/task-templates", as(companyOf(owner).lead()), templateBody()));
    }

    String templateOf(DirectoryUser owner) {
      return once("template:" + companyOf(owner).code(), () -> freshTemplate(owner));
    }

    static Map<String, Object> webhookBody() {
      return Map.of("url", "https://crm.example.com/hooks/matrix", "event_types", List.of("task.created"));
    }

    String freshWebhook(DirectoryUser owner) {
      return created(post("/api/webhooks", as(companyOf(owner).admin()), webhookBody()));
    }

    String webhookOf(DirectoryUser owner) {
      return once("webhook:" + companyOf(owner).code(), () -> freshWebhook(owner));
    }

    /** Analysts log no communications: their "own" log is their company's manager's. */
    DirectoryUser logOwner(DirectoryUser owner) {
      return owner.hasRole(com.activityflow.directory.Role.ANALYST) ? companyOf(owner).manager() : owner;
    }

    Map<String, Object> callLog(DirectoryUser assignee) {
      Map<String, Object> body = new HashMap<>();
      body.put("communication_type", "call");
      body.put("channel", "phone");
      body.put("direction", "inbound");
      body.put("subject", "Call " + (++sequence));
      body.put("start_time", "2026-11-20T10:00:00Z");
      body.put("end_time", "2026-11-20T10:10:00Z");
      body.put("content", "A call about the matrix.");
      body.put("assigned_to_user_id", assignee.id().toString());
      return body;
    }

    /** A non-internal call log the owner logged and is assigned to. */
    String freshLog(DirectoryUser owner) {
      DirectoryUser logger = logOwner(owner);
      return created(post("/api/communication-logs", as(logger), callLog(logger)));
    }

    String logOf(DirectoryUser owner) {
      return once("log:" + owner.username(), () -> freshLog(owner));
    }

    String logAttachmentOf(DirectoryUser owner) {
      return once("log-attachment:" + owner.username(), () -> created(upload(
          "/api/communication-attachments?communication_log_id=" + logOf(owner), as(logOwner(owner)), "note.txt", "text/plain",
          "a note".getBytes(StandardCharsets.UTF_8))));
    }

    String categoryOf(DirectoryUser owner) {
      return once("category:" + companyOf(owner).code(), () -> get("/api/communication-categories", as(companyOf(owner).manager()))
          .body().get(0).get("id").asText());
    }

    String phoneChannelOf(DirectoryUser owner) {
      return once("phone:" + companyOf(owner).code(), () -> StreamSupport.stream(
              get("/api/channel-configurations", as(companyOf(owner).manager())).body().spliterator(), false)
          .filter(c -> c.get("channel_type").asText().equals("phone")).findFirst().orElseThrow().get("id").asText());
    }

    String contactOf(DirectoryUser owner) {
      Staff company = companyOf(owner);
      return once("contact:" + company.code(), () -> created(put("/api/contacts/by-external-id/CT-" + company.code(),
          as(company.manager()), Map.of("customer_id", company.platinumCustomerId(), "first_name", "Con", "last_name", "Tact"))));
    }

    /** A contact of the owner's company made for one call (erasing it changes it for good). */
    String freshContact(DirectoryUser owner) {
      Staff company = companyOf(owner);
      return created(put("/api/contacts/by-external-id/CT-E" + (++sequence), as(company.manager()),
          Map.of("customer_id", company.platinumCustomerId(), "first_name", "Era", "last_name", "Sed")));
    }

    /** The owner's calendar URL (path only); fresh, since the owner's next one retires it. */
    String freshCalendarPath(DirectoryUser owner) {
      Response r = post("/api/calendar-feed", as(owner), null);
      assertThat(r.status()).as("fixture: %s", r.body()).isIn(200, 201);
      String url = r.text("url");
      return url.substring(url.indexOf("/calendar/"));
    }
  }
}
