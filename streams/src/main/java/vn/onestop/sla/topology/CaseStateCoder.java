package vn.onestop.sla.topology;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import vn.onestop.schema.serde.RecordCoder;
import vn.onestop.sla.cases.StateLayout;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseClockKind;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.CaseStatus;
import vn.onestop.sla.state.ClockDecision;
import vn.onestop.sla.state.KpiMark;
import vn.onestop.sla.state.NextDue;
import vn.onestop.sla.state.Refusal;

/**
 * The case store's value coder ({@link RecordCoder}): the Avro binary encoding of {@code
 * CaseState.avsc}, field by field in schema order, with no schema walk, no logical-type lookup and
 * no reflection. The case state is encoded or decoded about four times per input event (the store's
 * cache holds bytes), and Avro's generic datum writer and reader were the largest single part of
 * the stream thread after the punctuation (docs/benchmarks.md).
 *
 * <p>Written for one version of the schema, the one {@link StateLayout} names. {@link
 * #forCurrentSchema()} gives the coder only while the generated class still has that schema, so a
 * field added to {@code CaseState.avsc} without updating this class falls back to Avro's own writer
 * and reader instead of writing wrong bytes (and CaseStateCoderProperties fails until it is
 * updated). Records written with an older version of the schema are always read by Avro's resolving
 * reader ({@code SpecificAvroDeserializer}).
 *
 * <p>Encoding, as Avro's binary encoding: strings as a zig-zag length and UTF-8 bytes, int and long
 * zig-zag varints, timestamps ({@code timestamp-millis}) as epoch milliseconds, enums by symbol
 * index, a nullable field as union branch 0 (null) or 1 (value), arrays as one block of items then
 * 0. Thread-safe (stateless).
 */
public final class CaseStateCoder implements RecordCoder<CaseState> {

  private static final CaseStatus[] STATUSES = CaseStatus.values();
  private static final CaseClockKind[] CLOCK_KINDS = CaseClockKind.values();

  private static final CaseStateCoder INSTANCE = new CaseStateCoder();

  private CaseStateCoder() {}

  /**
   * @return the coder when the generated {@code CaseState} has the schema it is written for, else
   *     empty (Avro's datum writer and reader are then used)
   */
  public static Optional<RecordCoder<CaseState>> forCurrentSchema() {
    return matchesCurrentSchema() ? Optional.of(INSTANCE) : Optional.empty();
  }

  /**
   * @return whether the generated {@code CaseState}'s schema has the canonical form this coder is
   *     written for
   */
  static boolean matchesCurrentSchema() {
    return StateLayout.isCurrent();
  }

  /** The coder, whatever the schema: for the property test that compares it with Avro. */
  static CaseStateCoder unchecked() {
    return INSTANCE;
  }

  @Override
  public Schema schema() {
    return CaseState.getClassSchema();
  }

  @Override
  public void encode(CaseState s, Encoder out) throws IOException {
    out.writeString(s.getCaseId());
    out.writeEnum(s.getStatus().ordinal());
    out.writeString(s.getCategory());
    writeNullableInt(out, s.getComplaintLevel());
    out.writeString(s.getComplexity());
    out.writeBoolean(s.getRemoteArea());
    out.writeString(s.getPolicyId());
    out.writeString(s.getUnitId());
    writeNullableString(out, s.getSubjectOfficialId());
    writeNullableString(out, s.getOfficerId());
    out.writeLong(s.getSubmittedAt().toEpochMilli());
    writeNullableInstant(out, s.getAcceptedAt());
    writeNullableInstant(out, s.getResolvedAt());
    writeNullableInstant(out, s.getClosedAt());
    writeNullableInstant(out, s.getSourceDueAt());
    ActiveClock c = s.getClock();
    if (c == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      encodeClock(c, out);
    }
    out.writeInt(s.getTransferCount());
    out.writeInt(s.getReopenCount());
    writeNullableInt(out, s.getRating());
    out.writeInt(s.getEscalationLevel());
    writeStrings(out, s.getProcessedEventIds());
    writeStrings(out, s.getEmittedAlertKeys());
    writeNullableString(out, s.getOutcome());
    List<ClockDecision> decisions = s.getDecisions();
    out.writeArrayStart();
    out.setItemCount(decisions.size());
    for (ClockDecision d : decisions) {
      out.startItem();
      out.writeString(d.getKind());
      writeNullableString(out, d.getDecisionNumber());
      out.writeLong(d.getDecidedAt().toEpochMilli());
      writeNullableInt(out, d.getDays());
    }
    out.writeArrayEnd();
    Refusal r = s.getLastRefusal();
    if (r == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeString(r.getEventId());
      out.writeString(r.getAction());
      out.writeString(r.getReason());
      out.writeLong(r.getOccurredAt().toEpochMilli());
    }
    out.writeLong(s.getLastEventAt().toEpochMilli());
    writeNullableString(out, s.getTrackingCode());
    writeNullableString(out, s.getServiceCode());
    writeNullableString(out, s.getPublicTitle());
    KpiMark m = s.getKpiMark();
    if (m == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeString(m.getUnitId());
      out.writeBoolean(m.getOverdue());
    }
    NextDue n = s.getNextDue();
    if (n == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      writeNullableInstant(out, n.getAt());
      out.writeBoolean(n.getWithKpi());
    }
  }

  private static void encodeClock(ActiveClock c, Encoder out) throws IOException {
    out.writeEnum(c.getKind().ordinal());
    out.writeLong(c.getStartedAt().toEpochMilli());
    writeNullableInt(out, c.getPeriodAmount());
    writeNullableString(out, c.getPeriodUnit());
    out.writeLong(c.getDueAt().toEpochMilli());
    out.writeLong(c.getArmedAt().toEpochMilli());
    out.writeString(c.getCalendarId());
    writeNullableString(out, c.getLegalBasis());
    writeNullableInstant(out, c.getSuspendedAt());
    writeNullableString(out, c.getSuspensionDecision());
    out.writeInt(c.getExtensionsUsed());
    out.writeInt(c.getExtensionDays());
  }

  @Override
  public CaseState decode(Decoder in) throws IOException {
    CaseState s = new CaseState();
    s.setCaseId(in.readString());
    s.setStatus(STATUSES[index(in.readEnum(), STATUSES.length, "status")]);
    s.setCategory(in.readString());
    s.setComplaintLevel(readNullableInt(in));
    s.setComplexity(in.readString());
    s.setRemoteArea(in.readBoolean());
    s.setPolicyId(in.readString());
    s.setUnitId(in.readString());
    s.setSubjectOfficialId(readNullableString(in));
    s.setOfficerId(readNullableString(in));
    s.setSubmittedAt(Instant.ofEpochMilli(in.readLong()));
    s.setAcceptedAt(readNullableInstant(in));
    s.setResolvedAt(readNullableInstant(in));
    s.setClosedAt(readNullableInstant(in));
    s.setSourceDueAt(readNullableInstant(in));
    s.setClock(isPresent(in, "clock") ? decodeClock(in) : null);
    s.setTransferCount(in.readInt());
    s.setReopenCount(in.readInt());
    s.setRating(readNullableInt(in));
    s.setEscalationLevel(in.readInt());
    s.setProcessedEventIds(readStrings(in));
    s.setEmittedAlertKeys(readStrings(in));
    s.setOutcome(readNullableString(in));
    List<ClockDecision> decisions = new ArrayList<>();
    for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
      for (long i = 0; i < n; i++) {
        ClockDecision d = new ClockDecision();
        d.setKind(in.readString());
        d.setDecisionNumber(readNullableString(in));
        d.setDecidedAt(Instant.ofEpochMilli(in.readLong()));
        d.setDays(readNullableInt(in));
        decisions.add(d);
      }
    }
    s.setDecisions(decisions);
    if (isPresent(in, "lastRefusal")) {
      Refusal r = new Refusal();
      r.setEventId(in.readString());
      r.setAction(in.readString());
      r.setReason(in.readString());
      r.setOccurredAt(Instant.ofEpochMilli(in.readLong()));
      s.setLastRefusal(r);
    }
    s.setLastEventAt(Instant.ofEpochMilli(in.readLong()));
    s.setTrackingCode(readNullableString(in));
    s.setServiceCode(readNullableString(in));
    s.setPublicTitle(readNullableString(in));
    if (isPresent(in, "kpiMark")) {
      KpiMark m = new KpiMark();
      m.setUnitId(in.readString());
      m.setOverdue(in.readBoolean());
      s.setKpiMark(m);
    }
    if (isPresent(in, "nextDue")) {
      NextDue n = new NextDue();
      n.setAt(readNullableInstant(in));
      n.setWithKpi(in.readBoolean());
      s.setNextDue(n);
    }
    return s;
  }

  private static ActiveClock decodeClock(Decoder in) throws IOException {
    ActiveClock c = new ActiveClock();
    c.setKind(CLOCK_KINDS[index(in.readEnum(), CLOCK_KINDS.length, "clock.kind")]);
    c.setStartedAt(Instant.ofEpochMilli(in.readLong()));
    c.setPeriodAmount(readNullableInt(in));
    c.setPeriodUnit(readNullableString(in));
    c.setDueAt(Instant.ofEpochMilli(in.readLong()));
    c.setArmedAt(Instant.ofEpochMilli(in.readLong()));
    c.setCalendarId(in.readString());
    c.setLegalBasis(readNullableString(in));
    c.setSuspendedAt(readNullableInstant(in));
    c.setSuspensionDecision(readNullableString(in));
    c.setExtensionsUsed(in.readInt());
    c.setExtensionDays(in.readInt());
    return c;
  }

  private static void writeNullableString(Encoder out, String v) throws IOException {
    if (v == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeString(v);
    }
  }

  private static void writeNullableInt(Encoder out, Integer v) throws IOException {
    if (v == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeInt(v);
    }
  }

  private static void writeNullableInstant(Encoder out, Instant v) throws IOException {
    if (v == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeLong(v.toEpochMilli());
    }
  }

  private static void writeStrings(Encoder out, List<String> items) throws IOException {
    out.writeArrayStart();
    out.setItemCount(items.size());
    for (String v : items) {
      out.startItem();
      out.writeString(v);
    }
    out.writeArrayEnd();
  }

  /** A nullable field's union branch: 0 = null, 1 = the value; anything else is malformed. */
  private static boolean isPresent(Decoder in, String field) throws IOException {
    return index(in.readIndex(), 2, field) == 1;
  }

  private static int index(int i, int size, String field) throws IOException {
    if (i < 0 || i >= size) {
      throw new IOException(
          "CaseState." + field + ": index " + i + " out of range 0.." + (size - 1));
    }
    return i;
  }

  private static String readNullableString(Decoder in) throws IOException {
    return isPresent(in, "string") ? in.readString() : null;
  }

  private static Integer readNullableInt(Decoder in) throws IOException {
    return isPresent(in, "int") ? in.readInt() : null;
  }

  private static Instant readNullableInstant(Decoder in) throws IOException {
    return isPresent(in, "timestamp") ? Instant.ofEpochMilli(in.readLong()) : null;
  }

  private static List<String> readStrings(Decoder in) throws IOException {
    List<String> out = new ArrayList<>();
    for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
      for (long i = 0; i < n; i++) {
        out.add(in.readString());
      }
    }
    return out;
  }
}
