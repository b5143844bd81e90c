package vn.onestop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.OrgUnit;
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.index.DeadlineIndex;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.topology.SlaSerdes;

/**
 * Item 3: the duration of ONE punctuation of the engine's processor over N open cases on RocksDB
 * stores built exactly as the topology builds them ({@code Stores.persistentKeyValueStore} +
 * registry serde for the case store, bytes for the index; changelogging off, because the mock
 * context has no record collector), beside a naive punctuator that scans every open case.
 *
 * <p>Cases: imported service requests submitted at {@link Workload#MONDAY_0800}, due 1 h to 9 h
 * later (spread evenly, in an order unrelated to the case ids), so their first alert (the 75 %
 * warning) falls between 08:45 and 14:45 local time. "None due" punctuates at 08:00; "1 % due" at
 * the instant that makes the next 1 % of the warnings due (each such punctuation fires N/100 cases:
 * get, fire, put, re-index, forward one alert). The default work budget (10 000 entries) is used,
 * so at N = 10^6 one punctuation exactly covers the 1 %.
 */
final class IndexBench {
  private final SlaSerdes serdes;
  private final PolicyBook policies = PolicyBook.defaults();
  private final Path workDir;

  IndexBench(SlaSerdes serdes, Path workDir) {
    this.serdes = serdes;
    this.workDir = workDir;
  }

  /** Figures of one size. */
  record Result(
      int n,
      long loadNs,
      long recoverNs,
      Stats indexNone,
      long coldNone,
      Stats naiveNone,
      Stats indexOnePct,
      Stats naiveOnePct,
      long firedPerPunctuation) {}

  Result run(int n, Report report) throws IOException {
    Path dir = Files.createTempDirectory(workDir, "index-" + n + "-");
    ProcessorHarness h = new ProcessorHarness(serdes, policies, dir);
    MockProcessorContext<String, SpecificRecord> ctx = h.ctx;
    KeyValueStore<String, CaseState> cases = h.cases;
    KeyValueStore<Bytes, byte[]> indexStore = h.index;
    KeyValueStore<String, OrgUnit> orgStore = h.org;
    OrgDirectory org = (id, at) -> Optional.ofNullable(orgStore.get(id));
    CaseEngine engine = new CaseEngine(policies, org);
    try {
      long[] firstDue = load(n, cases, indexStore, engine);
      long loadNs = firstDue[n];
      long[] sortedDue = Arrays.copyOf(firstDue, n);
      Arrays.sort(sortedDue);
      long noneAt = Workload.MONDAY_0800.toEpochMilli();
      // stream time making the first k % of the warnings due
      long[] pctAt = new long[6];
      for (int k = 1; k <= 5; k++) {
        pctAt[k] = sortedDue[Math.max(0, k * n / 100 - 1)];
      }

      long t = System.nanoTime();
      Processor<byte[], byte[], String, SpecificRecord> processor =
          h.newProcessor(); // init: the deadline index rebuilt from the stored cases
      long recoverNs = System.nanoTime() - t;
      Punctuator punctuator = h.lastPunctuator();

      // none due, warm: 1 000 warm-up punctuations, then 10 000 timed one by one
      for (int i = 0; i < 1000; i++) {
        punctuator.punctuate(noneAt + i);
      }
      long[] none = new long[10_000];
      for (int i = 0; i < none.length; i++) {
        long s = System.nanoTime();
        punctuator.punctuate(noneAt + i);
        none[i] = System.nanoTime() - s;
      }
      // none due, cold: a fresh processor (its init rebuilds the index) and its first punctuation
      long[] cold = new long[5];
      for (int i = 0; i < cold.length; i++) {
        long s = System.nanoTime();
        h.newProcessor();
        h.lastPunctuator().punctuate(noneAt);
        cold[i] = System.nanoTime() - s;
      }
      if (!ctx.forwarded().isEmpty()) {
        throw new IllegalStateException(
            "a none-due punctuation forwarded " + ctx.forwarded().size() + " records");
      }

      // 1 % due, engine: three punctuations, each making the next 1 % due
      long[] one = new long[3];
      long fired = 0;
      for (int k = 1; k <= 3; k++) {
        ctx.resetForwards();
        long s = System.nanoTime();
        punctuator.punctuate(pctAt[k]);
        one[k - 1] = System.nanoTime() - s;
        fired = ctx.forwarded().size();
      }
      ctx.resetForwards();

      // naive: scan every open case (deserialize, compute its next alert), fire the due ones
      int naiveReps = n >= 1_000_000 ? 2 : 3; // a naive scan of 10^6 cases takes seconds
      long[] naiveNone = new long[naiveReps];
      for (int i = 0; i < naiveReps; i++) {
        long s = System.nanoTime();
        int f = naivePunctuate(cases, engine, noneAt, ctx);
        naiveNone[i] = System.nanoTime() - s;
        if (f != 0) {
          throw new IllegalStateException("naive none-due punctuation fired " + f);
        }
      }
      long[] naiveOne = new long[2];
      for (int k = 4; k < 4 + naiveOne.length; k++) {
        ctx.resetForwards();
        long s = System.nanoTime();
        naivePunctuate(cases, engine, pctAt[k], ctx);
        naiveOne[k - 4] = System.nanoTime() - s;
      }
      ctx.resetForwards();
      processor.close();
      return new Result(
          n,
          loadNs,
          recoverNs,
          new Stats(none),
          new Stats(cold).median(),
          new Stats(naiveNone),
          new Stats(one),
          new Stats(naiveOne),
          fired);
    } finally {
      h.close();
      deleteTree(dir);
    }
  }

  /**
   * Loads n open cases as the processor would store them (state and next due instant from the
   * engine step), in batches.
   *
   * @return the first-alert instant (epoch ms) of each case, and the load duration in ns at index n
   */
  private long[] load(
      int n,
      KeyValueStore<String, CaseState> cases,
      KeyValueStore<Bytes, byte[]> indexStore,
      CaseEngine engine) {
    long start = System.nanoTime();
    long[] due = new long[n + 1];
    DeadlineIndex index = new DeadlineIndex(indexStore);
    Instant submitted = Workload.MONDAY_0800;
    long spreadMs = Duration.ofHours(8).toMillis();
    long step = Math.max(1, spreadMs / n);
    List<KeyValue<String, CaseState>> batch = new ArrayList<>(10_000);
    for (int i = 0; i < n; i++) {
      long slot =
          (i * 7_919L)
              % n; // dues in an order unrelated to the case ids (7919 is prime, coprime with 10^k)
      String id = caseId(i);
      Instant dueAt = submitted.plus(Duration.ofHours(1)).plusMillis(slot * step);
      EngineStep created = engine.onEvent(null, Workload.submitted(id, submitted, dueAt));
      if (created.outcome() != EngineStep.Outcome.APPLIED) {
        throw new IllegalStateException("case " + id + " not created: " + created.refusal());
      }
      CaseState s = created.state();
      Instant next =
          created
              .nextDueAt()
              .orElseThrow(() -> new IllegalStateException("case " + id + " has no alert"));
      due[i] = next.toEpochMilli();
      batch.add(KeyValue.pair(id, s));
      index.put(next, id);
      if (batch.size() == 10_000) {
        cases.putAll(batch);
        batch.clear();
      }
    }
    cases.putAll(batch);
    due[n] = System.nanoTime() - start;
    return due;
  }

  static String caseId(int i) {
    String digits = Integer.toString(i);
    return "SR-2026-" + "0000000".substring(Math.min(7, digits.length())) + digits;
  }

  /** The naive punctuation: every open case is read and asked for its next alert. */
  private int naivePunctuate(
      KeyValueStore<String, CaseState> cases,
      CaseEngine engine,
      long streamTime,
      MockProcessorContext<String, SpecificRecord> ctx) {
    Instant now = Instant.ofEpochMilli(streamTime);
    Instant upTo = CaseEngine.firesUpTo(now);
    List<CaseState> due = new ArrayList<>();
    try (KeyValueIterator<String, CaseState> it = cases.all()) {
      while (it.hasNext()) {
        CaseState s = it.next().value;
        Optional<Instant> next = engine.nextDueAt(s);
        if (next.isPresent() && !next.get().isAfter(upTo)) {
          due.add(s);
        }
      }
    }
    for (CaseState s : due) {
      EngineStep step = engine.onTime(s, now);
      for (CaseAlert a : step.alerts()) {
        ctx.forward(
            new org.apache.kafka.streams.processor.api.Record<String, SpecificRecord>(
                a.getCaseId(), a, a.getDecidedAt().toEpochMilli()));
      }
      cases.put(s.getCaseId(), step.state());
    }
    return due.size();
  }

  static void deleteTree(Path dir) {
    try {
      Utils.delete(dir == null ? null : dir.toFile());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }

  /** Adds the figures of one size to the report. */
  static void report(Result r, Report report) {
    String n = String.format(Locale.ROOT, "N=%,d", r.n());
    report.figure("3", n + ": load (decide + RocksDB put + index put)", Report.nanos(r.loadNs()));
    report.figure(
        "3",
        n + ": init(): the deadline index rebuilt from the stored cases",
        Report.nanos(r.recoverNs()));
    report.figure(
        "3",
        n + ": engine punctuation, none due (median / p99 / max of 10 000)",
        Report.nanos(r.indexNone().median())
            + " / "
            + Report.nanos(r.indexNone().percentile(99))
            + " / "
            + Report.nanos(r.indexNone().max()));
    report.figure(
        "3",
        n + ": engine punctuation, none due, cold (new processor: init + first)",
        Report.nanos(r.coldNone()));
    report.figure(
        "3",
        n + ": naive full scan, none due (median of " + r.naiveNone().count() + ")",
        Report.nanos(r.naiveNone().median()));
    report.figure(
        "3",
        n + ": engine punctuation, 1 % due (median of 3; fires " + r.firedPerPunctuation() + ")",
        Report.nanos(r.indexOnePct().median()));
    report.figure(
        "3",
        n + ": naive full scan, 1 % due (median of " + r.naiveOnePct().count() + ")",
        Report.nanos(r.naiveOnePct().median()));
    double ratioNone = (double) r.naiveNone().median() / Math.max(1, r.indexNone().median());
    double ratioCold = (double) r.naiveNone().median() / Math.max(1, r.coldNone());
    double ratioOne = (double) r.naiveOnePct().median() / Math.max(1, r.indexOnePct().median());
    report.figure(
        "3",
        n + ": ratio naive / engine: none due warm, none due cold, 1 % due",
        String.format(Locale.ROOT, "%,.0f× / %,.0f× / %,.1f×", ratioNone, ratioCold, ratioOne));
    if (r.n() >= 1_000_000) {
      // one punctuation: the warm p99 (the max of 10 000 includes GC pauses and preemption on a
      // shared
      // machine, printed above) and the cold one (a fresh processor's first, after a RocksDB seek)
      long one = Math.max(r.indexNone().percentile(99), r.coldNone());
      report.target(
          "3",
          n + ": engine punctuation, none due (larger of warm p99 and cold)",
          Report.nanos(one),
          "< 1 ms",
          one < 1_000_000);
      report.target(
          "3",
          n + ": naive / engine, none due (cold, the lower ratio)",
          String.format(Locale.ROOT, "%,.0f×", Math.min(ratioNone, ratioCold)),
          "≥ 1000×",
          Math.min(ratioNone, ratioCold) >= 1000);
    }
  }
}
