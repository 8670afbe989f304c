package com.activityflow.platform.web;

import com.activityflow.platform.security.UserAuthentication;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Applies the per-user limit to every authenticated API request and tells the caller where it stands. */
@Component
class RateLimitInterceptor implements HandlerInterceptor {

  private final RateLimiter limiter;
  private final ObjectMapper json;

  RateLimitInterceptor(RateLimiter limiter, ObjectMapper json) {
    this.limiter = limiter;
    this.json = json;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!limiter.enabled() || !(authentication instanceof UserAuthentication user) || request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST) {
      return true;
    }
    RateLimiter.Decision decision = limiter.forUser(user.getPrincipal());
    return apply(decision, response, json);
  }

  static boolean apply(RateLimiter.Decision decision, HttpServletResponse response, ObjectMapper json) throws java.io.IOException {
    response.setHeader("X-RateLimit-Limit", Integer.toString(decision.limit()));
    response.setHeader("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
    response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
    if (decision.allowed()) {
      return true;
    }
    response.setHeader("Retry-After", Long.toString(decision.resetSeconds()));
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
        "More than " + decision.limit() + " requests in a minute; retry in " + decision.resetSeconds() + " s", List.of()));
    return false;
  }
}
