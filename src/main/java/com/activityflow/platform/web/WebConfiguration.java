package com.activityflow.platform.web;

import com.activityflow.platform.Coded;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Query parameters use the same lower-case codes as JSON; the OpenAPI document names the bearer scheme. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  private final RateLimitInterceptor rateLimits;

  WebConfiguration(RateLimitInterceptor rateLimits) {
    this.rateLimits = rateLimits;
  }

  @Override
  public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
    registry.addInterceptor(rateLimits).addPathPatterns("/api/**");
  }

  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addConverterFactory(new CodedEnumConverterFactory());
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static class CodedEnumConverterFactory implements ConverterFactory<String, Enum> {
    @Override
    public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
      if (Coded.class.isAssignableFrom(targetType)) {
        return source -> source.isBlank() ? null : (T) Coded.fromCode((Class) targetType, source.trim());
      }
      return source -> source.isBlank() ? null : (T) Enum.valueOf(targetType, source.trim());
    }
  }

  @Bean
  OpenAPI activityFlowOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Activity Flow API")
                .version("v1")
                .description("Tasks of the CRM's Communication & Activities back office, driven by Camunda 7."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
  }
}
