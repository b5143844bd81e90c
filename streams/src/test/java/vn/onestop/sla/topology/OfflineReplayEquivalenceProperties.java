package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.streams.KeyValue;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Reopened;
import vn.onestop.schema.Resumed;
import vn.onestop.schema.Suspended;
import vn.onestop.schema.Transferred;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;

/**
 * The offline replay engine ({@link OfflineReplay}) is the live topology: generated logs of several
 * partitions — duplicates, out-of-order records, suspensions and resumptions, extensions,
 * transfers, reopenings, resolutions, ticks with outages of many days, unreadable records — go
 * through the real topology (one TopologyTestDriver per partition, since a Kafka Streams task is
 * one partition) and through the offline engine; per partition the alerts (every field, in emission
 * order) and the KPI facts (in order) are identical, and so are the monthly KPI records (every
 * field, in order) of each partition's topology and of an offline run of that partition.
 */
class OfflineReplayEquivalenceProperties {
  private static final PolicyBook POLICIES = PolicyBook.defaults();

  /** Monday 2 March 2026, 08:00 in Hà Nội. */
  private static final Instant BASE = Instant.parse("2026-03-02T01:00:00Z");

  private static final PlainAvroSerde<CaseEvent> EVENTS = new PlainAvroSerde<>(CaseEvent.class);

  @Property(tries = 50)
  void theOfflineEngineGivesTheTopologysAlertsFactsAndKpis(
      @ForAll("logs") Log log, @ForAll("settings") PunctuationSettings settings) {
    int n = log.partitions().size();
    Map<Integer, List<CaseAlert>> liveAlerts = new TreeMap<>();
    Map<Integer, List<KpiFact>> liveFacts = new TreeMap<>();
    Map<Integer, List<KeyValue<String, UnitKpi>>> liveKpis = new TreeMap<>();
    for (int p = 0; p < n; p++) {
      try (SlaDriver d = new SlaDriver(POLICIES, settings)) {
        d.orgUnits(TestRecords.orgChart());
        for (OfflineReplay.LogRecord r : log.partitions().get(p)) {
          d.pipeRaw(
              r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
              r.value(),
              Instant.ofEpochMilli(r.timestampMs()));
        }
        List<CaseAlert> alerts = d.readAlerts();
        List<KpiFact> facts = d.readKpiFacts();
        List<KeyValue<String, UnitKpi>> kpis = d.readKpis();
        liveAlerts.put(p, alerts);
        // The single-partition topology's task is partition 0: its watermarks name source 0.
        int partition = p;
        liveFacts.put(p, facts.stream().map(f -> asSource(f, partition)).toList());
        liveKpis.put(p, kpis);
      }
    }

    // All partitions in one offline pass.
    Map<Integer, List<CaseAlert>> alerts = new TreeMap<>();
    Map<Integer, List<KpiFact>> facts = new TreeMap<>();
    OfflineReplay all =
        replay(
            settings,
            n,
            new OfflineReplay.Listener() {
              @Override
              public void alert(int partition, CaseAlert alert) {
                alerts.computeIfAbsent(partition, q -> new ArrayList<>()).add(alert);
              }

              @Override
              public void fact(int partition, KpiFact fact, long timestampMs) {
                facts.computeIfAbsent(partition, q -> new ArrayList<>()).add(fact);
              }
            });
    Map<Integer, List<OfflineReplay.LogRecord>> byPartition = new TreeMap<>();
    for (int p = 0; p < n; p++) {
      byPartition.put(p, log.partitions().get(p));
    }
    all.acceptAll(byPartition);
    for (int p = 0; p < n; p++) {
      assertThat(alerts.getOrDefault(p, List.of()))
          .as("alerts of partition %d, every field, in order", p)
          .isEqualTo(liveAlerts.get(p));
      assertThat(facts.getOrDefault(p, List.of()))
          .as("KPI facts of partition %d, in order", p)
          .isEqualTo(liveFacts.get(p));
    }

    // Each partition alone: the monthly KPI records of its one-partition topology.
    for (int p = 0; p < n; p++) {
      List<KeyValue<String, UnitKpi>> kpis = new ArrayList<>();
      OfflineReplay one =
          replay(
              settings,
              1,
              new OfflineReplay.Listener() {
                @Override
                public void unitKpi(UnitKpi k) {
                  kpis.add(KeyValue.pair(vn.onestop.sla.kpi.KpiAggregator.key(k), k));
                }
              });
      for (OfflineReplay.LogRecord r : log.partitions().get(p)) {
        one.accept(
            new OfflineReplay.LogRecord(
                0, r.offset(), r.timestampMs(), r.key(), r.value(), r.headers()));
      }
      assertThat(kpis).as("unit-kpis of partition %d, in order", p).isEqualTo(liveKpis.get(p));
    }
    int total = liveAlerts.values().stream().mapToInt(List::size).sum();
    Statistics.label("log with alerts").collect(total > 0);
    Statistics.label("log with alerts").coverage(c -> c.check(true).percentage(pc -> pc >= 50.0));
    Statistics.label("partitions").collect(n);
  }

  private static OfflineReplay replay(
      PunctuationSettings settings, int partitions, OfflineReplay.Listener listener) {
    OfflineReplay r =
        new OfflineReplay(
            POLICIES,
            CalendarBook.standard(),
            settings,
            partitions,
            SlaTopics.DEFAULT.caseEvents(),
            EVENTS.deserializer(),
            true,
            listener);
    for (OrgUnit u : TestRecords.orgChart()) {
      r.orgRecord(u.getUnitId(), u);
    }
    return r;
  }

  private static KpiFact asSource(KpiFact f, int partition) {
    return f instanceof KpiFact.Watermark w ? new KpiFact.Watermark(partition, w.upToMillis()) : f;
  }

  /**
   * A generated log.
   *
   * @param partitions per partition, its records in offset order
   */
  record Log(List<List<OfflineReplay.LogRecord>> partitions) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (int p = 0; p < partitions.size(); p++) {
        b.append("partition ").append(p).append(": ").append(partitions.get(p).size());
        b.append(" records\n");
      }
      return b.toString();
    }
  }

  @Provide
  Arbitrary<PunctuationSettings> settings() {
    return Arbitraries.of(
        PunctuationSettings.DEFAULT,
        new PunctuationSettings(Duration.ofMinutes(10), 3),
        new PunctuationSettings(Duration.ofHours(6), 2),
        new PunctuationSettings(Duration.ofMillis(1), 1));
  }

  @Provide
  Arbitrary<Log> logs() {
    Arbitrary<List<CaseSpec>> cases = caseSpec().list().ofMinSize(1).ofMaxSize(10);
    return Combinators.combine(
            cases,
            Arbitraries.integers().between(1, 3), // partitions
            Arbitraries.of(9 * 60L + 7, 24 * 60L, 48 * 60L), // tick every (minutes)
            Arbitraries.integers().between(0, 40), // ticker outage starts (days after BASE)
            Arbitraries.integers().between(0, 25), // outage length (days)
            Arbitraries.longs()) // shuffles, unreadable records
        .as(OfflineReplayEquivalenceProperties::log);
  }

  private static Log log(
      List<CaseSpec> specs, int partitions, long every, int outageAt, int outageDays, long seed) {
    Random random = new Random(seed);
    List<List<Timed>> timed = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      timed.add(new ArrayList<>());
    }
    for (int i = 0; i < specs.size(); i++) {
      String caseId = "case-" + i;
      for (CaseEvent e : specs.get(i).events(caseId)) {
        timed.get(i % partitions).add(new Timed(e, e.getOccurredAt().toEpochMilli(), caseId));
      }
    }
    Instant outageFrom = BASE.plus(Duration.ofDays(outageAt));
    Instant outageTo = outageFrom.plus(Duration.ofDays(outageDays));
    List<List<OfflineReplay.LogRecord>> out = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      List<Timed> list = timed.get(p);
      for (Instant t = BASE;
          t.isBefore(BASE.plus(Duration.ofDays(70)));
          t = t.plus(Duration.ofMinutes(every))) {
        if (t.isBefore(outageFrom) || !t.isBefore(outageTo)) {
          CaseEvent tick = TestRecords.tick(t, p);
          list.add(new Timed(tick, t.toEpochMilli(), tick.getCaseId()));
        }
      }
      // Stable sort: a case's events keep their order at equal instants.
      list.sort(Comparator.comparingLong(Timed::ts));
      // Out-of-order records: a few records moved later in the log (their timestamps then lie
      // before stream time), across cases.
      for (int k = 0; k < list.size() / 15; k++) {
        int from = random.nextInt(list.size());
        int to = Math.min(list.size() - 1, from + 1 + random.nextInt(8));
        list.add(to, list.remove(from));
      }
      List<OfflineReplay.LogRecord> records = new ArrayList<>();
      for (Timed t : list) {
        records.add(
            new OfflineReplay.LogRecord(
                p,
                records.size(),
                t.ts(),
                t.key().getBytes(StandardCharsets.UTF_8),
                EVENTS.serializer().serialize("case-events", t.event()),
                null));
        if (random.nextInt(40) == 0) {
          // an unreadable record and a mis-keyed one
          records.add(
              new OfflineReplay.LogRecord(
                  p,
                  records.size(),
                  t.ts(),
                  t.key().getBytes(StandardCharsets.UTF_8),
                  new byte[] {1, 2, 3},
                  null));
          records.add(
              new OfflineReplay.LogRecord(
                  p,
                  records.size(),
                  t.ts(),
                  "other-key".getBytes(StandardCharsets.UTF_8),
                  EVENTS.serializer().serialize("case-events", t.event()),
                  null));
        }
      }
      out.add(records);
    }
    return new Log(out);
  }

  private record Timed(CaseEvent event, long ts, String key) {}

  private Arbitrary<CaseSpec> caseSpec() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 25L * 24 * 60), // submitted, minutes after BASE
            Arbitraries.longs().between(60, 15L * 24 * 60), // source due, minutes after submission
            Arbitraries.of(true, false), // source-provided or feedback
            Arbitraries.of(Op.values()).list().ofMaxSize(5), // what happens next
            Arbitraries.longs().between(30, 6L * 24 * 60).list().ofSize(5)) // gaps, minutes
        .as(CaseSpec::new);
  }

  /** What can happen to a case after its submission. */
  enum Op {
    DUPLICATE,
    SUSPEND,
    RESUME,
    EXTEND,
    TRANSFER,
    RESOLVE,
    REOPEN
  }

  private record CaseSpec(
      long submitMin, long dueMin, boolean sourceProvided, List<Op> ops, List<Long> gaps) {
    List<CaseEvent> events(String caseId) {
      Instant at = BASE.plus(Duration.ofMinutes(submitMin));
      List<CaseEvent> out = new ArrayList<>();
      CaseEvent submit =
          sourceProvided
              ? TestRecords.submittedWithSourceDue(
                  caseId + "-s", caseId, at, at.plus(Duration.ofMinutes(dueMin)))
              : TestRecords.submittedFeedback(caseId + "-s", caseId, at, null);
      out.add(submit);
      if (!sourceProvided) {
        at = at.plus(Duration.ofMinutes(dueMin / 5));
        out.add(TestRecords.accepted(caseId + "-a", caseId, at));
      }
      for (int i = 0; i < ops.size(); i++) {
        at = at.plus(Duration.ofMinutes(gaps.get(i)));
        String id = caseId + "-" + i;
        Optional<CaseEvent> e =
            switch (ops.get(i)) {
              case DUPLICATE -> Optional.of(out.get(out.size() - 1));
              case SUSPEND ->
                  Optional.of(
                      TestRecords.envelope(
                          id, caseId, at, "officer-actions", new Suspended("giám định", "45/QĐ")));
              case RESUME ->
                  Optional.of(
                      TestRecords.envelope(
                          id, caseId, at, "officer-actions", new Resumed("46/QĐ")));
              case EXTEND ->
                  Optional.of(
                      TestRecords.envelope(
                          id,
                          caseId,
                          at,
                          "officer-actions",
                          new DeadlineExtended("47/QĐ", 10, "phức tạp")));
              case TRANSFER ->
                  Optional.of(
                      TestRecords.envelope(
                          id,
                          caseId,
                          at,
                          "officer-actions",
                          new Transferred(TestRecords.PARENT, "thẩm quyền")));
              case RESOLVE -> Optional.of(TestRecords.resolved(id, caseId, at));
              case REOPEN ->
                  Optional.of(
                      TestRecords.envelope(
                          id, caseId, at, "officer-actions", new Reopened("tình tiết mới")));
            };
        e.ifPresent(out::add);
      }
      return out;
    }
  }
}
