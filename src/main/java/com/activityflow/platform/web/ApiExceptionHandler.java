package com.activityflow.platform.web;

import com.activityflow.platform.web.Problems.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 9457 problem detail with {@code error_code}, {@code message}
 * and {@code details} (field errors, field names as in the JSON). Bad input is never a 500.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
  private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
      new PropertyNamingStrategies.SnakeCaseStrategy();

  private static ProblemDetail problem(
      HttpStatusCode status, String errorCode, String message, List<FieldError> details) {
    return Problems.of(status, errorCode, message, details);
  }

  @ExceptionHandler(com.activityflow.modeling.InvalidModelsException.class)
  ResponseEntity<Object> invalidModels(com.activityflow.modeling.InvalidModelsException e) {
    List<FieldError> details =
        e.problems().stream()
            .map(p -> new FieldError(p.file() + (p.elementId() == null ? "" : "#" + p.elementId()), p.message()))
            .toList();
    return respond(
        problem(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "invalid_models",
            "The models were refused; nothing was deployed and the running versions stay",
            details));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Object> illegalArgument(IllegalArgumentException e) {
    return respond(problem(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage(), List.of()));
  }

  @ExceptionHandler(RuleViolationException.class)
  ResponseEntity<Object> ruleViolated(RuleViolationException e) {
    List<FieldError> details = new java.util.ArrayList<>();
    if (e.field() != null) {
      details.add(new FieldError(e.field(), e.getMessage()));
    }
    e.fieldMessages().forEach((field, message) -> details.add(new FieldError(field, message)));
    return respond(problem(e.status(), e.rule(), e.getMessage(), details));
  }

  @ExceptionHandler(TooManyRequestsException.class)
  ResponseEntity<Object> tooManyRequests(TooManyRequestsException e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header("Retry-After", Long.toString(e.retryAfterSeconds()))
        .header("X-RateLimit-Limit", Integer.toString(e.limit()))
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", e.getMessage(), List.of()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Object> notFound(NotFoundException e) {
    return respond(problem(HttpStatus.NOT_FOUND, "not_found", e.getMessage(), List.of()));
  }

  @ExceptionHandler(OptimisticLockingFailureException.class)
  ResponseEntity<Object> staleVersion(OptimisticLockingFailureException e) {
    return respond(
        problem(
            HttpStatus.CONFLICT,
            "version_conflict",
            "The record was changed by someone else; reload it and apply your change again",
            List.of(new FieldError("version", "stale version"))));
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<Object> unauthenticated(AuthenticationException e) {
    if (DatabaseUnavailable.causedBy(e)) {
      return unexpected(e); // the directory could not be read: not the caller's fault
    }
    return respond(problem(HttpStatus.UNAUTHORIZED, "unauthorized", e.getMessage(), List.of()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> forbidden(AccessDeniedException e) {
    return respond(problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage(), List.of()));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> constraintViolated(ConstraintViolationException e) {
    List<FieldError> details =
        e.getConstraintViolations().stream()
            .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
            .toList();
    return respond(
        problem(HttpStatus.BAD_REQUEST, "validation_failed", "The request is invalid", details));
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Object> integrityViolated(DataIntegrityViolationException e) {
    log.info("Integrity violation: {}", e.getMostSpecificCause().getMessage());
    return respond(
        problem(
            HttpStatus.CONFLICT,
            "integrity_violation",
            "The change conflicts with stored data (a referenced record is missing or a value is"
                + " not unique)",
            List.of()));
  }

  @ExceptionHandler(BadUserRequestException.class)
  ResponseEntity<Object> processRefused(BadUserRequestException e) {
    return respond(problem(HttpStatus.CONFLICT, "process_refused", e.getMessage(), List.of()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
    String message = "'" + e.getValue() + "' is not a valid value";
    return respond(
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid_parameter",
            "Parameter " + e.getName() + ": " + message,
            List.of(new FieldError(e.getName(), message))));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    if (DatabaseUnavailable.causedBy(e)) {
      // PostgreSQL restarting or unreachable: temporary, the client may retry (never a 500)
      log.warn("Database unavailable: {}", e.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
          .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
          .body(DatabaseUnavailable.problem());
    }
    log.error("Unexpected error", e);
    return respond(
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal_error",
            "An unexpected error occurred; it has been logged",
            List.of()));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> details =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> new FieldError(SNAKE.translate(f.getField()), f.getDefaultMessage()))
            .collect(Collectors.toList());
    e.getBindingResult()
        .getGlobalErrors()
        .forEach(g -> details.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
    return respond(
        problem(HttpStatus.BAD_REQUEST, "validation_failed", "The request is invalid", details));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> details =
        e.getParameterValidationResults().stream()
            .flatMap(
                r ->
                    r.getResolvableErrors().stream()
                        .map(
                            err ->
                                new FieldError(
                                    r.getMethodParameter().getParameterName(),
                                    err.getDefaultMessage())))
            .toList();
    return respond(
        problem(HttpStatus.BAD_REQUEST, "validation_failed", "The request is invalid", details));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return respond(
        problem(
            HttpStatus.BAD_REQUEST,
            "missing_parameter",
            "Parameter " + e.getParameterName() + " is required",
            List.of(new FieldError(e.getParameterName(), "required"))));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      return respond(
          problem(
              HttpStatus.BAD_REQUEST,
              "unknown_field",
              "Unknown field " + field,
              List.of(new FieldError(field, "unknown field"))));
    }
    if (cause instanceof InvalidFormatException invalid) {
      String field = path(invalid);
      String message = "'" + invalid.getValue() + "' is not a valid value";
      if (invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
        message += "; allowed: " + allowedValues(invalid.getTargetType());
      }
      return respond(
          problem(
              HttpStatus.BAD_REQUEST,
              "invalid_value",
              "Field " + field + ": " + message,
              List.of(new FieldError(field, message))));
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      String message =
          mapping.getCause() instanceof IllegalArgumentException invalid
              ? invalid.getMessage()
              : "wrong type or format";
      return respond(
          problem(
              HttpStatus.BAD_REQUEST,
              "invalid_value",
              "Field " + field + ": " + message,
              List.of(new FieldError(field, message))));
    }
    String message =
        cause instanceof JsonProcessingException
            ? "The request body is not valid JSON"
            : "The request body is missing or unreadable";
    return respond(problem(HttpStatus.BAD_REQUEST, "malformed_request", message, List.of()));
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      org.springframework.web.multipart.MaxUploadSizeExceededException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return respond(
        problem(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "The upload is larger than the server accepts",
            List.of(new FieldError("file", "too large"))));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail detail
        && (detail.getProperties() == null || !detail.getProperties().containsKey("error_code"))) {
      String code = HttpStatus.valueOf(status.value()).name().toLowerCase();
      String message = detail.getDetail() == null ? detail.getTitle() : detail.getDetail();
      return respond(problem(status, code, message == null ? code : message, List.of()));
    }
    return super.handleExceptionInternal(ex, body, headers, status, request);
  }

  private static String allowedValues(Class<?> enumType) {
    return java.util.Arrays.stream(enumType.getEnumConstants())
        .map(Object::toString)
        .collect(Collectors.joining(", "));
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return SNAKE.translate(dot < 0 ? path : path.substring(dot + 1));
  }

  private static ResponseEntity<Object> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
