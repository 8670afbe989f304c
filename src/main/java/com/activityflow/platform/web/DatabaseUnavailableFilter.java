package com.activityflow.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Work done before a controller runs (token to directory user, HTTP Basic login, the Camunda
 * identity of an engine REST caller) also needs the database. When that fails because the
 * database is unreachable, the exception leaves the filter chain and the servlet container would
 * answer 500; this filter answers 503 with {@code Retry-After} instead. It runs right after
 * {@code RequestContext}, so the log line carries the request id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

  private final ObjectMapper json;

  DatabaseUnavailableFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!DatabaseUnavailable.causedBy(e) || response.isCommitted()) {
        throw e;
      }
      log.warn("Database unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
      response.reset();
      DatabaseUnavailable.writeServiceUnavailable(response, json);
    }
  }
}
