package com.activityflow.communication;

import com.activityflow.platform.web.RuleViolationException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** How a call ended: a configurable list (activityflow.telephony.dispositions). */
@Component
public class CallDispositions {

  private final List<String> allowed;

  CallDispositions(
      @Value("${activityflow.telephony.dispositions:answered,no_answer,busy,voicemail,failed,callback_requested,wrong_number}")
          List<String> allowed) {
    this.allowed = allowed.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public String check(String field, String disposition) {
    if (disposition != null && !allowed.contains(disposition)) {
      throw RuleViolationException.invalid("invalid_disposition", field, field + " must be one of " + String.join(", ", allowed));
    }
    return disposition;
  }
}
