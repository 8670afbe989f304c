package com.activityflow.directory.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AppUserRepository extends JpaRepository<AppUser, UUID> {
  Optional<AppUser> findByUsername(String username);

  List<AppUser> findByTeamIdAndActiveTrue(UUID teamId);

  List<AppUser> findByIdIn(java.util.Collection<UUID> ids);

  List<AppUser> findByCompanyIdAndActiveTrueAndRolesContainingOrderByUsername(UUID companyId, com.activityflow.directory.Role role);
}
