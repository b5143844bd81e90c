package vn.onestop.sla.topology;

import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.state.KpiFactKind;
import vn.onestop.sla.state.KpiFactRecord;

/**
 * Maps {@link KpiFact}s to and from their Avro form {@link KpiFactRecord}, the value of the
 * engine's internal facts topic ({@code <application.id>-kpi-facts-repartition}).
 */
final class KpiFactAvro {
  private KpiFactAvro() {}

  /**
   * @param f a fact
   * @return its record
   */
  static KpiFactRecord toAvro(KpiFact f) {
    KpiFactRecord.Builder b = KpiFactRecord.newBuilder().setUnitId(f.unitId());
    if (f instanceof KpiFact.Received r) {
      return b.setKind(KpiFactKind.RECEIVED).setAtMillis(r.atMillis()).build();
    } else if (f instanceof KpiFact.Accepted a) {
      return b.setKind(KpiFactKind.ACCEPTED).setAtMillis(a.atMillis()).build();
    } else if (f instanceof KpiFact.Resolved r) {
      return b.setKind(KpiFactKind.RESOLVED)
          .setAtMillis(r.atMillis())
          .setOnTime(r.onTime())
          .setWorkingDays(r.workingDays())
          .build();
    } else if (f instanceof KpiFact.Rated r) {
      return b.setKind(KpiFactKind.RATED).setAtMillis(r.atMillis()).setScore(r.score()).build();
    } else if (f instanceof KpiFact.Overdue o) {
      return b.setKind(KpiFactKind.OVERDUE).setAtMillis(o.atMillis()).setDelta(o.delta()).build();
    }
    KpiFact.Watermark w = (KpiFact.Watermark) f;
    return b.setKind(KpiFactKind.WATERMARK)
        .setAtMillis(w.upToMillis())
        .setSource(w.source())
        .build();
  }

  /**
   * @param r a record
   * @return the fact
   * @throws IllegalArgumentException naming the field a record of its kind lacks
   */
  static KpiFact fromAvro(KpiFactRecord r) {
    long at = r.getAtMillis();
    return switch (r.getKind()) {
      case RECEIVED -> new KpiFact.Received(unit(r), at);
      case ACCEPTED -> new KpiFact.Accepted(unit(r), at);
      case RESOLVED ->
          new KpiFact.Resolved(
              unit(r),
              at,
              required(r.getOnTime(), "onTime", r),
              required(r.getWorkingDays(), "workingDays", r));
      case RATED -> new KpiFact.Rated(unit(r), at, required(r.getScore(), "score", r));
      case OVERDUE -> new KpiFact.Overdue(unit(r), at, required(r.getDelta(), "delta", r));
      case WATERMARK -> new KpiFact.Watermark(required(r.getSource(), "source", r), at);
    };
  }

  private static String unit(KpiFactRecord r) {
    return required(r.getUnitId(), "unitId", r);
  }

  private static <T> T required(T value, String field, KpiFactRecord r) {
    if (value == null) {
      throw new IllegalArgumentException(
          "KpiFactRecord of kind " + r.getKind() + " lacks field '" + field + "': " + r);
    }
    return value;
  }
}
