package com.activityflow.communication.triage;

import java.util.List;

/** A category's code and the keywords (words or phrases) that point to it. */
public record CategoryKeywords(String code, List<String> keywords) {}
