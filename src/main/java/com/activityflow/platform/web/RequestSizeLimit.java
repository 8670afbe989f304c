package com.activityflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON bodies of the API are small; anything larger than {@code activityflow.api.max-body-size}
 * (default 1 MB) is refused with a 413 problem before it is read. Uploads have their own limit.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

  private final long maxBytes;

  RequestSizeLimit(@Value("${activityflow.api.max-body-size:1MB}") DataSize maxBodySize) {
    this.maxBytes = maxBodySize.toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    boolean upload = type != null && type.toLowerCase().startsWith("multipart/");
    if (request.getRequestURI().startsWith("/api/") && !upload && request.getContentLengthLong() > maxBytes) {
      response.setStatus(413);
      response.setContentType("application/problem+json");
      response.getWriter().write(
          "{\"type\":\"https://activityflow.dev/problems/payload-too-large\",\"title\":\"Payload Too Large\",\"status\":413,"
              + "\"error_code\":\"payload_too_large\",\"message\":\"Request bodies are at most " + maxBytes + " bytes\","
              + "\"details\":[]}");
      return;
    }
    chain.doFilter(request, response);
  }
}
