package com.activityflow.directory;

import com.activityflow.platform.Coded;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The roles of seed 000 section 10.1, from narrowest to widest. */
public enum Role implements Coded {
  REP("rep"),
  TEAM_LEAD("team_lead"),
  MANAGER("manager"),
  ADMIN("admin"),
  /** owns the models (BPMN, DMN, forms); reads the model pages */
  ANALYST("analyst");

  /**
   * The Camunda group of the users with the role {@link #ADMIN}: it holds every Camunda
   * permission (Cockpit, Admin, deployments). It is deliberately not Camunda's
   * {@code camunda-admin}: members of that group skip Camunda's tenant checks, so a company's
   * admin would see every company's work. No directory group may be called {@code camunda-admin}.
   */
  public static final String ADMINS_GROUP = "activityflow-admins";

  private final String code;

  Role(String code) {
    this.code = code;
  }

  @Override
  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static Role of(String code) {
    return Coded.fromCode(Role.class, code);
  }

  @Override
  public String toString() {
    return code;
  }

  @jakarta.persistence.Converter(autoApply = true)
  static class JpaConverter extends Coded.Converter<Role> {
    JpaConverter() {
      super(Role.class);
    }
  }
}
