package com.activityflow.directory.domain;

import com.activityflow.directory.Availability;
import com.activityflow.directory.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A person of a company: roles, team, skills, capacity and availability. */
@Entity
@Table(name = "users")
public class AppUser {

  @Id private UUID id;
  private UUID companyId;
  private String username;
  private String displayName;
  private String email;
  private String passwordHash;
  private UUID teamId;
  private int capacity;
  private Availability availability;

  @Column(name = "is_active")
  private boolean active;

  private Instant createdAt;
  @Version private long version;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role")
  private Set<Role> roles = new HashSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_skills", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "skill")
  private Set<String> skills = new HashSet<>();

  protected AppUser() {}

  public AppUser(
      UUID id,
      UUID companyId,
      String username,
      String displayName,
      String email,
      String passwordHash,
      Instant createdAt) {
    this.id = id;
    this.companyId = companyId;
    this.username = username;
    this.displayName = displayName;
    this.email = email;
    this.passwordHash = passwordHash;
    this.capacity = 10;
    this.availability = Availability.ACTIVE;
    this.active = true;
    this.createdAt = createdAt;
  }

  public UUID getId() {
    return id;
  }

  public UUID getCompanyId() {
    return companyId;
  }

  public String getUsername() {
    return username;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public UUID getTeamId() {
    return teamId;
  }

  public void setTeamId(UUID teamId) {
    this.teamId = teamId;
  }

  public int getCapacity() {
    return capacity;
  }

  public void setCapacity(int capacity) {
    this.capacity = capacity;
  }

  public Availability getAvailability() {
    return availability;
  }

  public void setAvailability(Availability availability) {
    this.availability = availability;
  }

  public boolean isActive() {
    return active;
  }

  public Set<Role> getRoles() {
    return roles;
  }

  public Set<String> getSkills() {
    return skills;
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }
}
