package com.activityflow.communication.web;

import com.activityflow.communication.CategoryCatalog;
import com.activityflow.communication.ChannelCatalog;
import com.activityflow.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Categories and channel configurations (seed 001 sections 4.1, 4.2, 9.1); managers change them. */
@RestController
@Tag(name = "Communication settings")
@SecurityRequirement(name = "bearer")
class CommunicationSettingsController {

  private final CategoryCatalog categories;
  private final ChannelCatalog channels;
  private final CurrentUser currentUser;

  CommunicationSettingsController(CategoryCatalog categories, ChannelCatalog channels, CurrentUser currentUser) {
    this.categories = categories;
    this.channels = channels;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/communication-categories")
  @Operation(summary = "Categories, filtered by is_active and parent_category_id")
  List<CategoryCatalog.CategoryView> categories(
      @RequestParam(name = "is_active", required = false) Boolean active,
      @RequestParam(name = "parent_category_id", required = false) UUID parentCategoryId) {
    return categories.list(currentUser.get(), active, parentCategoryId);
  }

  @PostMapping("/api/communication-categories")
  @ResponseStatus(HttpStatus.CREATED)
  CategoryCatalog.CategoryView createCategory(@Valid @RequestBody CategoryCatalog.CategoryRequest request) {
    return categories.create(request, currentUser.get());
  }

  @PutMapping("/api/communication-categories/{id}")
  CategoryCatalog.CategoryView updateCategory(@PathVariable UUID id, @Valid @RequestBody CategoryCatalog.CategoryRequest request) {
    return categories.update(id, request, currentUser.get());
  }

  @GetMapping("/api/channel-configurations")
  @Operation(summary = "Channels, filtered by is_active, channel_type and is_default; secrets only as has_*")
  List<ChannelCatalog.ChannelView> channels(
      @RequestParam(name = "is_active", required = false) Boolean active,
      @RequestParam(name = "channel_type", required = false) String channelType,
      @RequestParam(name = "is_default", required = false) Boolean isDefault) {
    return channels.list(currentUser.get(), active, channelType, isDefault);
  }

  @GetMapping("/api/channel-configurations/{id}")
  ChannelCatalog.ChannelView channel(@PathVariable UUID id) {
    return channels.get(id, currentUser.get());
  }

  @PostMapping("/api/channel-configurations")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a channel; api_key, webhook_secret and imap_password are write-only")
  ChannelCatalog.ChannelView createChannel(@Valid @RequestBody ChannelCatalog.ChannelRequest request) {
    return channels.create(request, currentUser.get());
  }

  @PutMapping("/api/channel-configurations/{id}")
  @Operation(summary = "Replace a channel's settings; secrets left out keep their value, \"\" clears one")
  ChannelCatalog.ChannelView updateChannel(@PathVariable UUID id, @Valid @RequestBody ChannelCatalog.ChannelRequest request) {
    return channels.update(id, request, currentUser.get());
  }
}
