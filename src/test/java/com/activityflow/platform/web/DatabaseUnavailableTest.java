package com.activityflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures count as "the database is unavailable", as the libraries really wrap them. */
class DatabaseUnavailableTest {

  @Test
  void recognisesConnectionFailuresHoweverTheyAreWrapped() {
    // the pool waited in vain (Hikari), inside Spring's transaction start
    assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("no connection",
        new SQLTransientConnectionException("embedded-postgres - Connection is not available, request timed out after 5000ms"))))
        .isTrue();
    // the server went away while Camunda (MyBatis) ran a statement
    assertThat(DatabaseUnavailable.causedBy(new ProcessEngineException("ENGINE-03004",
        new PersistenceException(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE)))))
        .isTrue();
    // PostgreSQL shutting down or still starting up
    assertThat(DatabaseUnavailable.causedBy(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
    assertThat(DatabaseUnavailable.causedBy(new SQLException("the database system is starting up", "57P03"))).isTrue();
    // the rollback of a transaction whose connection the restart cut (Hikari closed it already)
    assertThat(DatabaseUnavailable.causedBy(new JpaSystemException(new RuntimeException("Unable to rollback",
        new SQLException("Connection is closed"))))).isTrue();
  }

  @Test
  void leavesOtherFailuresAlone() {
    assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("duplicate",
        new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new BadUserRequestException("no such task"))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void engineRestAnswers503WithRetryAfterWhenTheDatabaseIsDownAndCamundasStatusOtherwise() {
    Response down = new EngineRestErrors.EngineExceptionMapper().toResponse(new ProcessEngineException("ENGINE-03004",
        new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));
    assertThat(down.getStatus()).isEqualTo(503);
    assertThat(down.getHeaderString("Retry-After")).isEqualTo("5");

    Response transaction = new EngineRestErrors.AnyExceptionMapper().toResponse(new CannotCreateTransactionException("no connection",
        new SQLTransientConnectionException("timed out")));
    assertThat(transaction.getStatus()).isEqualTo(503);

    assertThat(new EngineRestErrors.EngineExceptionMapper().toResponse(new BadUserRequestException("unknown task")).getStatus())
        .isEqualTo(400);
    assertThat(new EngineRestErrors.AnyExceptionMapper().toResponse(new IllegalStateException("bug")).getStatus()).isEqualTo(500);
  }
}
