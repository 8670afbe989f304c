package com.activityflow.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of the database connection (PostgreSQL restarting, unreachable, the pool waiting
 * too long for a connection) from every other error. Spring, Hibernate, MyBatis (inside Camunda)
 * and Hikari wrap the driver's exception in different ways, so the whole cause chain is searched.
 * Such a failure is temporary: callers get 503 with {@code Retry-After}, never a 500.
 */
public final class DatabaseUnavailable {

  /** Seconds a client should wait before trying again: about one pool connection timeout. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseUnavailable() {}

  public static boolean causedBy(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (isConnectionFailure(t)) {
        return true;
      }
      if (t instanceof SQLException sql) {
        for (SQLException next = sql.getNextException(); next != null && seen.add(next); next = next.getNextException()) {
          if (isConnectionFailure(next)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isConnectionFailure(Throwable t) {
    if (t instanceof CannotCreateTransactionException
        || t instanceof DataAccessResourceFailureException
        || t instanceof TransientDataAccessResourceException
        || t instanceof SQLTransientConnectionException
        || t instanceof SQLNonTransientConnectionException
        || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
      return true;
    }
    if (t instanceof SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())) {
      // Hikari's answer for a connection it already evicted as broken, e.g. on the rollback of a
      // transaction whose connection the database restart cut
      return true;
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      // class 08: connection exception; 57P01/57P02: server shut down; 57P03: still starting up
      return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
    return false;
  }

  /** The API's answer: 503, {@code Retry-After}, problem detail {@code database_unavailable}. */
  public static ProblemDetail problem() {
    return Problems.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        "database_unavailable",
        "The database cannot be reached right now; retry in " + RETRY_AFTER_SECONDS + " s",
        List.of());
  }

  /** Writes {@link #problem()} where no controller advice applies (filters, entry points). */
  public static void writeServiceUnavailable(HttpServletResponse response, ObjectMapper json) throws IOException {
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    String requestId = MDC.get("request_id");
    if (requestId != null && response.getHeader("X-Request-Id") == null) {
      response.setHeader("X-Request-Id", requestId); // a reset() removed the echo of the request id
    }
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem());
  }
}
