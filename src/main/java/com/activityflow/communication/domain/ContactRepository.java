package com.activityflow.communication.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ContactRepository extends JpaRepository<Contact, UUID> {

  Optional<Contact> findByCompanyIdAndExternalId(UUID companyId, String externalId);

  Optional<Contact> findByIdAndCompanyId(UUID id, UUID companyId);

  @Query(value = "select * from contacts where company_id = ?1 and emails @> array[?2]::text[] order by created_at",
      nativeQuery = true)
  List<Contact> findByEmail(UUID companyId, String normalizedEmail);

  @Query(value = "select * from contacts where company_id = ?1 and phones @> array[?2]::text[] order by created_at",
      nativeQuery = true)
  List<Contact> findByPhone(UUID companyId, String normalizedPhone);

  org.springframework.data.domain.Page<Contact> findByCompanyId(UUID companyId, org.springframework.data.domain.Pageable page);

  org.springframework.data.domain.Page<Contact> findByCompanyIdAndCustomerId(
      UUID companyId, UUID customerId, org.springframework.data.domain.Pageable page);
}
