package com.activityflow.platform.security;

import com.activityflow.directory.DirectoryService;
import com.activityflow.platform.web.DatabaseUnavailable;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Three doors, all authenticated: {@code /engine-rest/**} (HTTP Basic or bearer token, and the
 * caller is made known to Camunda so its authorization checks apply), {@code /api/**} (bearer
 * JWT) and the Camunda webapps under {@code /camunda}, which run their own login against the
 * same directory and their own CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  @ConditionalOnExpression("!'${activityflow.security.jwt-secret:}'.isBlank()")
  JwtDecoder hmacJwtDecoder(SecurityProperties properties) {
    return NimbusJwtDecoder.withSecretKey(key(properties)).macAlgorithm(MacAlgorithm.HS256).build();
  }

  @Bean
  @ConditionalOnExpression("!'${activityflow.security.jwt-secret:}'.isBlank()")
  TokenService tokenService(SecurityProperties properties, Clock clock) {
    return new TokenService(new NimbusJwtEncoder(new ImmutableSecret<>(key(properties))), properties, clock);
  }

  private static SecretKey key(SecurityProperties properties) {
    byte[] bytes = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 32) {
      throw new IllegalStateException("activityflow.security.jwt-secret must be at least 32 bytes");
    }
    return new SecretKeySpec(bytes, "HmacSHA256");
  }

  /** Password login (HTTP Basic on engine REST and actuator) against the directory. */
  @Bean
  UserDetailsService directoryUserDetails(JdbcTemplate jdbc) {
    return username ->
        jdbc
            .query(
                "select u.username, u.password_hash, string_agg(r.role, ',') as roles from users u"
                    + " left join user_roles r on r.user_id = u.id"
                    + " where u.is_active and u.username = ? group by u.username, u.password_hash",
                (rs, i) ->
                    User.withUsername(rs.getString(1))
                        .password(rs.getString(2))
                        .roles(
                            rs.getString(3) == null
                                ? new String[0]
                                : rs.getString(3).toUpperCase().split(","))
                        .build(),
                username)
            .stream()
            .findFirst()
            .orElseThrow(() -> new UsernameNotFoundException(username));
  }

  @Bean
  AuthenticationProvider directoryAuthenticationProvider(
      UserDetailsService userDetails, PasswordEncoder encoder) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
    provider.setPasswordEncoder(encoder);
    return provider;
  }

  @Bean
  @Order(1)
  SecurityFilterChain engineRest(
      HttpSecurity http,
      JwtUserConverter jwtUserConverter,
      IdentityService identityService,
      DirectoryService directory,
      ObjectMapper mapper)
      throws Exception {
    http.securityMatcher(PATHS.matcher("/engine-rest/**"))
        .authorizeHttpRequests(
            a -> a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll().anyRequest().authenticated())
        .httpBasic(b -> b.authenticationEntryPoint(entryPoint(mapper, "Basic realm=\"activity-flow\"")))
        .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(jwtUserConverter)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint(mapper, "Basic realm=\"activity-flow\"")))
        .addFilterAfter(new CamundaIdentityFilter(identityService, directory), AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, JwtUserConverter jwtUserConverter, ObjectMapper mapper)
      throws Exception {
    http.securityMatcher(PATHS.matcher("/api/**"))
        .authorizeHttpRequests(
            a ->
                // ASYNC: a live event stream's later dispatches; its first request was authenticated
                a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(PATHS.matcher(HttpMethod.POST, "/api/auth/token"))
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            o ->
                o.jwt(j -> j.jwtAuthenticationConverter(jwtUserConverter))
                    .authenticationEntryPoint(entryPoint(mapper, "Bearer"))
                    .accessDeniedHandler(accessDenied(mapper)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .exceptionHandling(
            e -> e.authenticationEntryPoint(entryPoint(mapper, "Bearer")).accessDeniedHandler(accessDenied(mapper)));
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain everythingElse(HttpSecurity http, ObjectMapper mapper) throws Exception {
    http.authorizeHttpRequests(
            a ->
                a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                    .permitAll()
                    // the webapps authenticate against the directory themselves (session login)
                    .requestMatchers(PATHS.matcher("/camunda/**"), PATHS.matcher("/"))
                    .permitAll()
                    // calendar feeds: the secret token in the URL is the credential
                    .requestMatchers(PATHS.matcher(HttpMethod.GET, "/calendar/*"))
                    .permitAll()
                    // provider webhooks: the HMAC signature of the body is the credential
                    .requestMatchers(PATHS.matcher(HttpMethod.POST, "/hooks/**"))
                    .permitAll()
                    .requestMatchers(
                        PATHS.matcher("/actuator/health/**"),
                        PATHS.matcher("/actuator/health"),
                        PATHS.matcher("/actuator/info"),
                        PATHS.matcher("/v3/api-docs/**"),
                        PATHS.matcher("/v3/api-docs"),
                        PATHS.matcher("/swagger-ui/**"),
                        PATHS.matcher("/swagger-ui.html"))
                    .permitAll()
                    .requestMatchers(PATHS.matcher("/actuator/**"))
                    .hasRole("ADMIN")
                    .anyRequest()
                    .denyAll())
        .httpBasic(Customizer.withDefaults())
        // Camunda's webapps carry their own CSRF filter (X-XSRF-TOKEN); Spring's would block them
        .csrf(c -> c.ignoringRequestMatchers(PATHS.matcher("/camunda/**"), PATHS.matcher("/hooks/**")))
        // no Basic challenge here: a browser on the webapps (e.g. Tasklist's /camunda-welcome
        // probe) would otherwise block on a sign-in dialog; actuator clients send Basic anyway
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint(mapper, "Bearer")));
    return http.build();
  }

  static AuthenticationEntryPoint entryPoint(ObjectMapper mapper, String challenge) {
    return (request, response, e) -> {
      if (DatabaseUnavailable.causedBy(e)) {
        // the directory could not be read: a temporary outage, not a wrong password
        DatabaseUnavailable.writeServiceUnavailable(response, mapper);
        return;
      }
      response.setHeader("WWW-Authenticate", challenge);
      writeProblem(mapper, response, 401, "unauthorized", "Authentication is required: " + e.getMessage());
    };
  }

  static AccessDeniedHandler accessDenied(ObjectMapper mapper) {
    return (request, response, e) ->
        writeProblem(mapper, response, 403, "forbidden", "Your role does not allow this");
  }

  private static void writeProblem(
      ObjectMapper mapper, HttpServletResponse response, int status, String code, String message)
      throws java.io.IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://activityflow.dev/problems/" + code);
    body.put("title", status == 401 ? "Unauthorized" : "Forbidden");
    body.put("status", status);
    body.put("detail", message);
    body.put("error_code", code);
    body.put("message", message);
    body.put("details", List.of());
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    mapper.writeValue(response.getOutputStream(), body);
  }
}
