package vn.onestop.sla.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON text form of {@link KpiFact}s, for the facts repartition topic (UTF-8 string serde). */
public final class KpiFactCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KpiFactCodec() {}

  /**
   * @param f a fact
   * @return its JSON, e.g. {@code
   *     {"fact":"resolved","unitId":"HK","atMillis":…,"onTime":true,"workingDays":9}}
   */
  public static String toJson(KpiFact f) {
    try {
      return JSON.writeValueAsString(f);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write KPI fact " + f, e);
    }
  }

  /**
   * @param json JSON text
   * @return the fact
   * @throws IllegalArgumentException naming the problem when the text is not a fact
   */
  public static KpiFact fromJson(String json) {
    try {
      return JSON.readValue(json, KpiFact.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a KPI fact: " + e.getOriginalMessage());
    }
  }
}
