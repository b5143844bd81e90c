package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.sla.cases.RandomCaseStates;
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.index.DeadlineIndex;
import vn.onestop.sla.index.DeadlineIndexKey;
import vn.onestop.sla.index.TestStores;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.NextDue;

/**
 * The deadline index rebuilt when a task starts ({@link SlaProcessor#rebuildIndex}), on RocksDB
 * stores as the topology builds them: more cases than one write batch, stale entries of an earlier
 * run on this machine in the index store. The index afterwards holds exactly each stored case at
 * its recorded next due instant, nothing else.
 */
class DeadlineIndexRebuildTest {
  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

  @TempDir Path dir;
  private KeyValueStore<String, CaseState> cases;
  private KeyValueStore<Bytes, byte[]> index;

  @BeforeEach
  void setUp() {
    TestStores stores = new TestStores(dir);
    cases =
        stores.rocksDb(
            SlaTopology.CASE_STORE, Serdes.String(), new PlainAvroSerde<>(CaseState.class));
    index = stores.rocksDb(SlaTopology.DEADLINE_INDEX_STORE, Serdes.Bytes(), Serdes.ByteArray());
  }

  @AfterEach
  void tearDown() {
    cases.close();
    index.close();
  }

  @Test
  void theRebuiltIndexHoldsExactlyEachStoredCaseAtItsRecordedNextDueInstant() {
    Random r = new Random(11);
    List<DeadlineIndexKey> expected = new ArrayList<>();
    int n = 12_345; // more than one write batch
    for (int i = 0; i < n; i++) {
      CaseState s = RandomCaseStates.generate(r);
      String id = String.format("KN-2026-%06d", i);
      s.setCaseId(id);
      // an engine without KPI facts reads the instant it recorded; every 7th case has none due
      Instant at = i % 7 == 0 ? null : T0.plusSeconds(r.nextInt(90 * 86_400));
      s.setNextDue(new NextDue(at, false));
      cases.put(id, s);
      if (at != null) {
        expected.add(new DeadlineIndexKey(at, id));
      }
    }
    // left by an earlier run of the task on this machine (the index has no changelog)
    DeadlineIndex old = new DeadlineIndex(index);
    for (int i = 0; i < 12_000; i++) {
      old.put(T0.minusSeconds(i), "stale-" + i);
    }
    old.put(T0.plusSeconds(5), "KN-2026-000001"); // a case at a former instant

    DeadlineIndex rebuilt =
        SlaProcessor.rebuildIndex(
            "0_0",
            index,
            cases,
            new CaseEngine(PolicyBook.defaults(), (id, at) -> Optional.empty()));

    expected.sort(null);
    assertThat(rebuilt.due(T0.plusSeconds(1000L * 86_400), Integer.MAX_VALUE))
        .containsExactlyElementsOf(expected);
    assertThat(expected).hasSizeGreaterThan(10_000);
  }
}
