package com.activityflow.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} if it is sane, else a new one),
 * echoed in the response and put into the log context, and remembers the client address, so
 * audit entries and logs of one request can be found together.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestContext extends OncePerRequestFilter {

  public static final String HEADER = "X-Request-Id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final ThreadLocal<String[]> CURRENT = new ThreadLocal<>();

  /** The current request's id, or null outside a request. */
  public static String requestId() {
    String[] current = CURRENT.get();
    return current == null ? null : current[0];
  }

  /** The current request's client address, or null outside a request. */
  public static String clientIp() {
    String[] current = CURRENT.get();
    return current == null ? null : current[1];
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    CURRENT.set(new String[] {id, request.getRemoteAddr()});
    MDC.put("request_id", id);
    response.setHeader(HEADER, id);
    try {
      chain.doFilter(request, response);
    } finally {
      CURRENT.remove();
      MDC.remove("request_id");
    }
  }
}
