package com.activityflow.communication.web;

import com.activityflow.platform.web.RuleViolationException;

/** Page parameters of the communication API: page from 1, page_size 1..200 (default 20). */
record Paging(int page, int pageSize) {

  static Paging of(Integer page, Integer pageSize) {
    int p = page == null ? 1 : page;
    int size = pageSize == null ? 20 : pageSize;
    if (p < 1 || p > 1_000_000) {
      throw RuleViolationException.invalid("invalid_page", "page", "page is 1 to 1000000");
    }
    if (size < 1 || size > 200) {
      throw RuleViolationException.invalid("invalid_page_size", "page_size", "page_size is 1 to 200");
    }
    return new Paging(p, size);
  }
}
