package vn.onestop.sla.kpi;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Rejected;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Transferred;
import vn.onestop.sla.calendar.Calendars;

/**
 * The hand-computed scenario (units A and B, January–February 2026, vn-civil-service calendar where
 * Saturday 10/01/2026 is a make-up working day). Due instants are given by hand per event, as the
 * engine's policy would give them; {@link #MODEL} applies them.
 */
final class KpiScenario {
  private KpiScenario() {}

  /** eventId → due instant of the running clock after that event. */
  static final Map<String, Instant> DUE = new HashMap<>();

  static final List<CaseEvent> EVENTS = new ArrayList<>();

  static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  private static void add(String caseId, String time, Object payload, String dueLocal) {
    String id = caseId + "-" + EVENTS.size();
    if (dueLocal != null) {
      DUE.put(id, local(dueLocal));
    }
    Instant at = local(time);
    EVENTS.add(
        CaseEvent.newBuilder()
            .setEventId(id)
            .setCaseId(caseId)
            .setOccurredAt(at)
            .setRecordedAt(at)
            .setSourceSystem("test")
            .setActor(null)
            .setPayload(payload)
            .build());
  }

  private static Submitted submitted(String unit) {
    return Submitted.newBuilder()
        .setCategory(Category.KHIEU_NAI)
        .setComplaintLevel(1)
        .setChannel(Channel.WEB)
        .setUnitId(unit)
        .setDescription("Khiếu nại về thủ tục cấp giấy phép xây dựng")
        .build();
  }

  private static Resolved resolved() {
    return Resolved.newBuilder().setOutcome(Outcome.ANSWERED).build();
  }

  private static Rated rated(int score) {
    return Rated.newBuilder().setScore(score).build();
  }

  private static Accepted accepted() {
    return Accepted.newBuilder().build();
  }

  static {
    // Avro 1.12 loads generated classes (enum defaults of builders) only when trusted; the schemas
    // serde installs the same rule, these pure tests use no serde.
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("vn.onestop.schema.")));
    add("c1", "2026-01-05T09:00", submitted("A"), "2026-01-08T00:00");
    add("c1", "2026-01-06T09:00", accepted(), "2026-01-20T00:00");
    add("c2", "2026-01-07T14:00", submitted("A"), "2026-01-10T00:00");
    add("c2", "2026-01-08T09:00", accepted(), "2026-01-16T00:00");
    add("c3", "2026-01-12T08:00", submitted("A"), "2026-01-15T00:00");
    add("c3", "2026-01-13T09:00", accepted(), "2026-01-28T00:00");
    add("c1", "2026-01-15T10:00", resolved(), null); // on time, 9 working days
    add("c1", "2026-01-16T09:00", rated(5), null);
    add("c2", "2026-01-20T10:00", resolved(), null); // late (due 16/01), 10 working days
    add("c4", "2026-01-20T08:00", submitted("A"), "2026-01-23T00:00");
    add("c2", "2026-01-21T09:00", rated(2), null);
    add("c4", "2026-01-21T09:00", accepted(), "2026-02-10T00:00");
    add("c5", "2026-01-26T08:00", submitted("B"), "2026-01-28T00:00");
    add("c5", "2026-01-27T09:00", accepted(), "2026-01-30T00:00");
    add("c6", "2026-01-28T08:00", submitted("B"), "2026-02-04T00:00");
    add(
        "c6",
        "2026-01-29T09:00",
        Rejected.newBuilder().setReason("Không đủ điều kiện thụ lý").build(),
        null);
    add("c7", "2026-01-29T08:00", submitted("B"), "2026-02-01T00:00");
    add("c7", "2026-01-29T15:00", accepted(), "2026-01-30T00:00");
    add(
        "c7",
        "2026-01-30T10:00",
        DeadlineExtended.newBuilder().setDecisionNumber("12/QĐ-GH").setDays(14).build(),
        "2026-02-13T00:00"); // breached at 00:00, no longer overdue
    add(
        "c5",
        "2026-01-30T12:00",
        Transferred.newBuilder().setToUnitId("A").build(),
        null); // overdue moves B → A
    add(
        "__clock__",
        "2026-02-01T00:00",
        ClockTick.newBuilder().setPartition(0).setTickerId("t").build(),
        null);
    add("c3", "2026-02-03T10:00", resolved(), null); // late, 16 working days
    add("c3", "2026-02-04T09:00", rated(4), null);
    add("c4", "2026-02-09T15:00", resolved(), null); // on time, 14 working days
  }

  /** End of the computation: 24:00 of 28/02/2026. */
  static final Instant END = local("2026-03-01T00:00");

  /** The state model: KpiCase itself, with the hand-given due instants. */
  static final KpiOffline.CaseModel<KpiCase> MODEL =
      new KpiOffline.CaseModel<>() {
        @Override
        public Optional<KpiCase> apply(KpiCase b, CaseEvent e) {
          Object p = e.getPayload();
          Instant due = DUE.get(e.getEventId().toString());
          String caseId = e.getCaseId().toString();
          if (p instanceof Submitted s) {
            return Optional.of(
                new KpiCase(
                    caseId,
                    s.getUnitId().toString(),
                    Calendars.CIVIL_SERVICE,
                    e.getOccurredAt(),
                    true,
                    due));
          }
          if (p instanceof Accepted || p instanceof DeadlineExtended) {
            return Optional.of(
                new KpiCase(caseId, b.unitId(), b.calendarId(), b.receivedAt(), true, due));
          }
          if (p instanceof Transferred t) {
            return Optional.of(
                new KpiCase(
                    caseId,
                    t.getToUnitId().toString(),
                    b.calendarId(),
                    b.receivedAt(),
                    b.open(),
                    b.dueAt()));
          }
          if (p instanceof Resolved || p instanceof Rejected) {
            return Optional.of(
                new KpiCase(caseId, b.unitId(), b.calendarId(), b.receivedAt(), false, null));
          }
          return Optional.of(b);
        }

        @Override
        public KpiCase view(KpiCase state) {
          return state;
        }
      };
}
