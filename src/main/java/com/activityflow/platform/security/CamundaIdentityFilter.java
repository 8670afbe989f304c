package com.activityflow.platform.security;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells Camunda who calls {@code /engine-rest}: without this, Spring Security authenticates the
 * request but Camunda sees no user and skips its authorization checks, returning everything.
 */
class CamundaIdentityFilter extends OncePerRequestFilter {

  private final IdentityService identityService;
  private final DirectoryService directory;

  CamundaIdentityFilter(IdentityService identityService, DirectoryService directory) {
    this.identityService = identityService;
    this.directory = directory;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    DirectoryUser user =
        authentication == null ? null : directory.findUser(authentication.getName()).orElse(null);
    if (user == null || !user.active()) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    List<String> groups =
        identityService.createGroupQuery().groupMember(user.username()).list().stream()
            .map(Group::getId)
            .toList();
    identityService.setAuthentication(user.username(), groups, List.of(user.companyCode()));
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
