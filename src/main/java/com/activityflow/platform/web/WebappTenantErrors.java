package com.activityflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The webapps' own engine API (what Tasklist and Cockpit call) answers a request for another
 * company's task or instance with Camunda's 500 "belongs to no authenticated tenant". Nothing
 * leaks, but it is the caller's fault, not the server's: this makes it the 403 that engine REST
 * answers too ({@link EngineRestErrors}). Only these JSON answers are buffered.
 */
@Configuration(proxyBeanMethods = false)
class WebappTenantErrors {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> webappTenantErrorFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new TenantErrorFilter());
    registration.addUrlPatterns("/camunda/api/engine/*");
    return registration;
  }

  static final class TenantErrorFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
      try {
        chain.doFilter(request, buffered);
        if (buffered.getStatus() == HttpServletResponse.SC_INTERNAL_SERVER_ERROR
            && new String(buffered.getContentAsByteArray(), StandardCharsets.UTF_8).contains("no authenticated tenant")) {
          buffered.setStatus(HttpServletResponse.SC_FORBIDDEN);
        }
      } finally {
        buffered.copyBodyToResponse();
      }
    }
  }
}
