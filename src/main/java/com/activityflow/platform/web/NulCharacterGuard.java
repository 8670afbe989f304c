package com.activityflow.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * PostgreSQL cannot store or compare text with NUL characters; such input is refused with a 400
 * naming the field (JSON) or the parameter, instead of failing deep in the database.
 */
@Configuration(proxyBeanMethods = false)
class NulCharacterGuard {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer refuseNulInJsonStrings() {
    SimpleModule module = new SimpleModule("refuse-nul");
    module.addDeserializer(String.class, new StringDeserializer() {
      @Override
      public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = super.deserialize(p, ctxt);
        if (value != null && value.indexOf('\u0000') >= 0) {
          throw InvalidFormatException.from(p, "NUL characters are not allowed", value, String.class);
        }
        return value;
      }
    });
    return builder -> builder.modulesToInstall(module);
  }

  @Bean
  OncePerRequestFilter refuseNulInQueryStrings() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String query = request.getQueryString();
        if (request.getRequestURI().startsWith("/api/") && query != null && query.toLowerCase(Locale.ROOT).contains("%00")) {
          response.setStatus(400);
          response.setContentType("application/problem+json");
          response.getWriter().write(
              "{\"type\":\"https://activityflow.dev/problems/invalid-parameter\",\"title\":\"Bad Request\",\"status\":400,"
                  + "\"error_code\":\"invalid_parameter\",\"message\":\"Query parameters may not contain NUL characters\","
                  + "\"details\":[]}");
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }
}
