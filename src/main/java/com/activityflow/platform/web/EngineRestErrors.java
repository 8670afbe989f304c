package com.activityflow.platform.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Engine REST answers every failed task completion with 500, even when the caller is at fault.
 * This mapper keeps Camunda's error body but gives the status the cause deserves: a refused
 * business rule (our delegates throw {@link BadUserRequestException}) and a variable in a refused
 * format or of a class not allowed to deserialize are 400, work on another company's task
 * (tenant check) is 403. An unreachable database is 503 with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestErrors {

  @Bean
  ResourceConfigCustomizer engineRestExceptionMapper() {
    return config ->
        config.register(RestExceptionMapper.class)
            .register(EngineExceptionMapper.class)
            .register(AnyExceptionMapper.class);
  }

  static boolean isTenantViolation(Throwable e) {
    return e instanceof ProcessEngineException && e.getMessage() != null && e.getMessage().contains("no authenticated tenant");
  }

  /**
   * A variable in a refused format (Java serialization), in a format nobody serializes (object
   * variables other than Java) or of a class not allowed to deserialize.
   */
  static boolean isRefusedVariable(Throwable e) {
    String message = e == null ? null : e.getMessage();
    return e instanceof ProcessEngineException && message != null
        && (message.contains("serialization format is prohibited") || message.contains("not whitelisted")
            || message.contains("Cannot find serializer for value"));
  }

  /**
   * PostgreSQL unreachable: 503 with {@code Retry-After} in Camunda's error shape (engine REST
   * clients read {@code type} and {@code message}), instead of Camunda's 500.
   */
  static Response databaseUnavailable(Throwable exception) {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ExceptionDto.fromException(exception))
        .build();
  }

  /**
   * Engine exceptions that reach engine REST unwrapped (e.g. reading another company's task
   * variables) keep Camunda's mapping, except an unreachable database (503), a tenant violation
   * (403) and a refused variable (400), which are never a 500.
   */
  @Priority(1)
  static class EngineExceptionMapper extends ProcessEngineExceptionHandler {

    @Override
    public Response toResponse(ProcessEngineException exception) {
      if (DatabaseUnavailable.causedBy(exception)) {
        return databaseUnavailable(exception);
      }
      if (isTenantViolation(exception) || isRefusedVariable(exception)) {
        return Response.status(isTenantViolation(exception) ? Response.Status.FORBIDDEN : Response.Status.BAD_REQUEST)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(ExceptionDto.fromException(exception))
            .build();
      }
      return super.toResponse(exception);
    }
  }

  /** Everything else, e.g. Spring's CannotCreateTransactionException from the engine's transaction. */
  @Priority(1)
  static class AnyExceptionMapper implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable exception) {
      return DatabaseUnavailable.causedBy(exception)
          ? databaseUnavailable(exception)
          : ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
  }

  @Priority(1)
  static class RestExceptionMapper implements ExceptionMapper<RestException> {

    @Override
    public Response toResponse(RestException exception) {
      if (DatabaseUnavailable.causedBy(exception)) {
        return databaseUnavailable(exception);
      }
      int status = exception.getStatus() == null ? 500 : exception.getStatus().getStatusCode();
      if (status == 500) {
        Throwable cause = exception.getCause();
        if (cause instanceof BadUserRequestException) {
          status = 400;
        } else if (isRefusedVariable(cause)) {
          status = 400;
        } else if (isTenantViolation(cause)) {
          status = 403;
        }
      }
      return Response.status(status)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ExceptionDto.fromException(exception))
          .build();
    }
  }
}
