package vn.onestop.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import vn.onestop.schema.CaseAlert;

/**
 * The JSON shape of an alert on the feed and in webhooks. Carries no personal data (a CaseAlert has
 * none, docs/design.md, Personal data). Instants are given twice: UTC ISO-8601 ({@code deadline})
 * and the local wall-clock time in Asia/Ho_Chi_Minh ({@code deadlineLocal}, {@code yyyy-MM-dd
 * HH:mm}), plus epoch milliseconds for client-side arithmetic ("overdue by").
 *
 * @param alertId deterministic alert id (de-duplication key)
 * @param caseId case id
 * @param unitId handling unit id
 * @param unitName handling unit display name (the id if unknown)
 * @param recipientUnitId unit whose head receives the alert
 * @param recipientUnitName its display name
 * @param recipientOfficialId receiving official, or null
 * @param kind WARNING, BREACH or ESCALATION
 * @param level 0 warning, 1 breach, 2 parent unit, 3 top unit
 * @param clock ACCEPTANCE or RESOLUTION
 * @param category legal category of the case
 * @param ruleId rule that fired
 * @param policyId SLA policy
 * @param legalBasis law and article, or null
 * @param deadline due instant, UTC ISO-8601
 * @param deadlineLocal due instant in Asia/Ho_Chi_Minh
 * @param deadlineEpochMillis due instant in epoch milliseconds
 * @param decidedAt instant the alert became due, UTC ISO-8601
 * @param decidedAtLocal the same in Asia/Ho_Chi_Minh
 */
public record AlertView(
    String alertId,
    String caseId,
    String unitId,
    String unitName,
    String recipientUnitId,
    String recipientUnitName,
    String recipientOfficialId,
    String kind,
    int level,
    String clock,
    String category,
    String ruleId,
    String policyId,
    String legalBasis,
    String deadline,
    String deadlineLocal,
    long deadlineEpochMillis,
    String decidedAt,
    String decidedAtLocal) {

  /** Time zone of all local times shown to officials. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

  /**
   * @param a an alert
   * @param org directory for unit names
   * @return its view
   */
  public static AlertView of(CaseAlert a, OrgTree org) {
    String unit = a.getUnitId().toString();
    String recipient = a.getRecipientUnitId().toString();
    return new AlertView(
        a.getAlertId().toString(),
        a.getCaseId().toString(),
        unit,
        org.name(unit),
        recipient,
        org.name(recipient),
        str(a.getRecipientOfficialId()),
        a.getKind().name(),
        a.getLevel(),
        a.getClock().name(),
        a.getCategory().name(),
        a.getRuleId().toString(),
        a.getPolicyId().toString(),
        str(a.getLegalBasis()),
        a.getDeadline().toString(),
        local(a.getDeadline()),
        a.getDeadline().toEpochMilli(),
        a.getDecidedAt().toString(),
        local(a.getDecidedAt()));
  }

  /**
   * @param t an instant
   * @return its wall-clock time in Asia/Ho_Chi_Minh, {@code yyyy-MM-dd HH:mm}
   */
  public static String local(Instant t) {
    return LOCAL.format(t);
  }

  private static String str(CharSequence s) {
    return s == null ? null : s.toString();
  }

  /**
   * @return compact JSON (UTF-8 safe; Vietnamese unit names kept as is)
   */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write alert " + alertId + " as JSON", e);
    }
  }
}
