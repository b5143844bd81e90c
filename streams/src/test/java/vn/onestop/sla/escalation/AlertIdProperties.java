package vn.onestop.sla.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The alert id scheme is frozen (ids already in logs, webhooks and the audit replay must keep
 * matching): a name-based version-3 UUID of {@code caseId|clock|ruleId|level|deadline-millis}, as
 * {@link UUID#nameUUIDFromBytes} computes it.
 */
class AlertIdProperties {
  @Property
  void theIdIsTheNameBasedUuidOfItsParts(
      @ForAll String caseId,
      @ForAll String ruleId,
      @ForAll @IntRange(min = 0, max = 3) int level,
      @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long deadline) {
    String name = caseId + "|RESOLUTION|" + ruleId + "|" + level + "|" + deadline;
    assertThat(
            EscalationLadder.alertId(
                caseId, "RESOLUTION", ruleId, level, Instant.ofEpochMilli(deadline)))
        .isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
  }
}
