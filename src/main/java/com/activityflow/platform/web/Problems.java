package com.activityflow.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details in the API's shape: {@code error_code}, {@code message}, {@code details}. */
public final class Problems {

  private Problems() {}

  /** A field error; {@code field} is named as in the JSON (or file#element for models). */
  public record FieldError(String field, String message) {}

  public static ProblemDetail of(HttpStatusCode status, String errorCode, String message, List<FieldError> details) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
    problem.setType(URI.create("https://activityflow.dev/problems/" + errorCode.replace('_', '-')));
    problem.setProperty("error_code", errorCode);
    problem.setProperty("message", message);
    problem.setProperty(
        "details", details.stream().map(d -> Map.of("field", d.field(), "message", d.message())).toList());
    return problem;
  }
}
