package com.activityflow.platform.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Engine REST answers every failed task completion with 500, even when the caller is at fault.
 * This mapper keeps Camunda's error body but gives the status the cause deserves: a refused
 * business rule (our delegates throw {@link BadUserRequestException}) is 400, work on another
 * company's task (tenant check) is 403.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestErrors {

  @Bean
  ResourceConfigCustomizer engineRestExceptionMapper() {
    return config -> config.register(RestExceptionMapper.class);
  }

  @Priority(1)
  static class RestExceptionMapper implements ExceptionMapper<RestException> {

    @Override
    public Response toResponse(RestException exception) {
      int status = exception.getStatus() == null ? 500 : exception.getStatus().getStatusCode();
      if (status == 500) {
        Throwable cause = exception.getCause();
        if (cause instanceof BadUserRequestException) {
          status = 400;
        } else if (cause instanceof ProcessEngineException
            && cause.getMessage() != null
            && cause.getMessage().contains("no authenticated tenant")) {
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
