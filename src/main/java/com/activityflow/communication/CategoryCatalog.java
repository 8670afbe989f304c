package com.activityflow.communication;

import com.activityflow.audit.AuditTrail;
import com.activityflow.communication.domain.CommunicationCategory;
import com.activityflow.communication.domain.CommunicationCategoryRepository;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Communication categories in a hierarchy (seed 001 section 4.1); managers maintain them. */
@Service
@Transactional
public class CategoryCatalog {

  public record CategoryRequest(
      @NotBlank(message = "category_code is required") @Pattern(regexp = "[a-z0-9_]{1,20}", message = "category_code is 1 to 20 of a-z, 0-9, _") String categoryCode,
      @NotBlank(message = "category_name is required") @Size(max = 100, message = "category_name is at most 100 characters") String categoryName,
      @Size(max = 2000, message = "description is at most 2000 characters") String description,
      UUID parentCategoryId,
      Boolean isActive,
      Boolean isDefault,
      @Pattern(regexp = "low|normal|high|urgent", message = "default_priority must be one of low, normal, high, urgent") String defaultPriority,
      Boolean autoCategorization,
      @Size(max = 50, message = "keywords has at most 50 entries") List<@Size(min = 2, max = 50, message = "a keyword is 2 to 50 characters") String> keywords,
      @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "color is a hex colour like #1a2b3c") String color,
      @Size(max = 50, message = "icon is at most 50 characters") String icon,
      @Min(value = 1, message = "retention_days is at least 1") @Max(value = 36500, message = "retention_days is at most 36500") Integer retentionDays,
      @Pattern(regexp = "archive|purge", message = "retention_action must be archive or purge") String retentionAction,
      Long version) {}

  public record CategoryView(
      UUID id, String categoryCode, String categoryName, String description, UUID parentCategoryId, String parentCategoryCode,
      boolean isActive, boolean isDefault, String defaultPriority, boolean autoCategorization, List<String> keywords, String color,
      String icon, Integer retentionDays, String retentionAction, long version, Instant createdAt, Instant updatedAt) {}

  private final CommunicationCategoryRepository categories;
  private final CommunicationAccessPolicy policy;
  private final AuditTrail audit;
  private final Clock clock;

  CategoryCatalog(CommunicationCategoryRepository categories, CommunicationAccessPolicy policy, AuditTrail audit, Clock clock) {
    this.categories = categories;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<CategoryView> list(DirectoryUser user, Boolean active, UUID parentCategoryId) {
    policy.checkMayRead(user);
    List<CommunicationCategory> all = categories.findByCompanyIdOrderByCategoryCode(user.companyId());
    Map<UUID, String> codes = all.stream().collect(Collectors.toMap(CommunicationCategory::getId, CommunicationCategory::getCategoryCode));
    return all.stream()
        .filter(c -> active == null || c.isActive() == active)
        .filter(c -> parentCategoryId == null || parentCategoryId.equals(c.getParentCategoryId()))
        .map(c -> view(c, codes))
        .toList();
  }

  public CategoryView create(CategoryRequest request, DirectoryUser user) {
    policy.checkMayConfigure(user);
    if (categories.findByCompanyIdAndCategoryCode(user.companyId(), request.categoryCode()).isPresent()) {
      throw RuleViolationException.conflict("duplicate_category_code", "category_code", "A category " + request.categoryCode() + " exists");
    }
    CommunicationCategory category = new CommunicationCategory(UUID.randomUUID(), user.companyId(), request.categoryCode(), clock.instant());
    apply(category, request, user);
    category = categories.saveAndFlush(category);
    audit.record(user.companyId(), user.id(), user.username(), "create", "communication_category", category.getId().toString(),
        List.of(new AuditTrail.FieldChange("category_code", null, category.getCategoryCode())), null);
    return view(category, codes(user.companyId()));
  }

  public CategoryView update(UUID id, CategoryRequest request, DirectoryUser user) {
    policy.checkMayConfigure(user);
    CommunicationCategory category = load(id, user.companyId());
    if (request.version() != null && request.version() != category.getVersion()) {
      throw RuleViolationException.conflict("version_conflict", "version", "The category was changed by someone else; reload it");
    }
    if (!category.getCategoryCode().equals(request.categoryCode())) {
      throw RuleViolationException.invalid("category_code_fixed", "category_code", "A category's code cannot change (the triage table refers to it)");
    }
    String before = category.isActive() + "/" + category.getRetentionDays() + "/" + category.getRetentionAction();
    apply(category, request, user);
    categories.saveAndFlush(category);
    String after = category.isActive() + "/" + category.getRetentionDays() + "/" + category.getRetentionAction();
    audit.record(user.companyId(), user.id(), user.username(), "update", "communication_category", category.getId().toString(),
        List.of(new AuditTrail.FieldChange("active/retention_days/retention_action", before, after)), null);
    return view(category, codes(user.companyId()));
  }

  private void apply(CommunicationCategory category, CategoryRequest request, DirectoryUser user) {
    if ((request.retentionDays() == null) != (request.retentionAction() == null)) {
      throw RuleViolationException.invalid("retention_incomplete", request.retentionDays() == null ? "retention_days" : "retention_action",
          "retention_days and retention_action go together");
    }
    UUID parent = request.parentCategoryId();
    if (parent != null) {
      load(parent, user.companyId());
      // no cycles: walk up from the new parent
      Set<UUID> seen = new HashSet<>();
      UUID cursor = parent;
      while (cursor != null && seen.add(cursor)) {
        if (cursor.equals(category.getId())) {
          throw RuleViolationException.conflict("category_cycle", "parent_category_id", "A category cannot be below itself");
        }
        cursor = categories.findById(cursor).map(CommunicationCategory::getParentCategoryId).orElse(null);
      }
    }
    Set<String> keywords = new LinkedHashSet<>();
    if (request.keywords() != null) {
      request.keywords().forEach(k -> keywords.add(k.strip().toLowerCase(Locale.ROOT)));
    }
    category.update(request.categoryName().strip(), request.description(), parent, request.isActive() == null || request.isActive(),
        Boolean.TRUE.equals(request.isDefault()), request.defaultPriority() == null ? "normal" : request.defaultPriority(),
        Boolean.TRUE.equals(request.autoCategorization()), keywords.toArray(String[]::new), request.color(), request.icon(),
        request.retentionDays(), request.retentionAction(), clock.instant());
    if (category.isDefaultCategory()) {
      categories.findByCompanyIdOrderByCategoryCode(user.companyId()).stream()
          .filter(c -> !c.getId().equals(category.getId()) && c.isDefaultCategory())
          .forEach(c -> c.setDefaultCategory(false));
    }
  }

  /** Active categories of the company by code (triage maps its outcome through this). */
  @Transactional(readOnly = true)
  public Map<String, CommunicationCategory> activeByCode(UUID companyId) {
    return categories.findByCompanyIdOrderByCategoryCode(companyId).stream()
        .filter(CommunicationCategory::isActive)
        .collect(Collectors.toMap(CommunicationCategory::getCategoryCode, Function.identity()));
  }

  CommunicationCategory load(UUID id, UUID companyId) {
    return categories.findByIdAndCompanyId(id, companyId).orElseThrow(() -> NotFoundException.forId("Communication category", id));
  }

  private Map<UUID, String> codes(UUID companyId) {
    return categories.findByCompanyIdOrderByCategoryCode(companyId).stream()
        .collect(Collectors.toMap(CommunicationCategory::getId, CommunicationCategory::getCategoryCode));
  }

  private static CategoryView view(CommunicationCategory c, Map<UUID, String> codes) {
    return new CategoryView(c.getId(), c.getCategoryCode(), c.getCategoryName(), c.getDescription(), c.getParentCategoryId(),
        c.getParentCategoryId() == null ? null : codes.get(c.getParentCategoryId()), c.isActive(), c.isDefaultCategory(),
        c.getDefaultPriority(), c.isAutoCategorization(), List.of(c.getKeywords()), c.getColor(), c.getIcon(), c.getRetentionDays(),
        c.getRetentionAction(), c.getVersion(), c.getCreatedAt(), c.getUpdatedAt());
  }
}
