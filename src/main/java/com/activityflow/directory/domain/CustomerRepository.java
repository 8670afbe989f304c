package com.activityflow.directory.domain;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerRepository extends JpaRepository<Customer, UUID> {
  Optional<Customer> findByIdAndCompanyId(UUID id, UUID companyId);

  Optional<Customer> findByCompanyIdAndExternalId(UUID companyId, String externalId);

  org.springframework.data.domain.Page<Customer> findByCompanyId(UUID companyId, org.springframework.data.domain.Pageable page);
}
