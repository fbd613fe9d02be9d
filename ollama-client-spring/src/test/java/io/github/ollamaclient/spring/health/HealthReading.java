package io.github.ollamaclient.spring.health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a health indicator reported, read without naming either Boot line's health types, so the
 * same tests run on Boot 4 ({@code org.springframework.boot.health.contributor}) and Boot 3.5
 * ({@code org.springframework.boot.actuate.health}): both have {@code health()}, {@code
 * getStatus().getCode()} and {@code getDetails()}.
 */
record HealthReading(String status, Map<String, Object> details) {

  static HealthReading of(Object indicator) throws ReflectiveOperationException {
    Object health = indicator.getClass().getMethod("health").invoke(indicator);
    Object status = health.getClass().getMethod("getStatus").invoke(health);
    String code = (String) status.getClass().getMethod("getCode").invoke(status);
    Map<?, ?> raw = (Map<?, ?>) health.getClass().getMethod("getDetails").invoke(health);
    Map<String, Object> details = new LinkedHashMap<>();
    raw.forEach((key, value) -> details.put(String.valueOf(key), value));
    return new HealthReading(code, details);
  }
}
