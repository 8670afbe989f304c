package com.activityflow.directory.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A named group of users (e.g. {@code approvers}); its code is the
 * Camunda group id that candidate groups and authorizations refer to.
 */
@Entity
@Table(name = "directory_groups")
public class DirectoryGroup {

  @Id private UUID id;
  private UUID companyId;
  private String code;
  private String name;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "group_members", joinColumns = @JoinColumn(name = "group_id"))
  @Column(name = "user_id")
  private Set<UUID> memberIds = new HashSet<>();

  protected DirectoryGroup() {}

  public DirectoryGroup(UUID id, UUID companyId, String code, String name) {
    this.id = id;
    this.companyId = companyId;
    this.code = code;
    this.name = name;
  }

  public UUID getId() {
    return id;
  }

  public UUID getCompanyId() {
    return companyId;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  public Set<UUID> getMemberIds() {
    return memberIds;
  }
}
