package vn.onestop.sla.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.UnitKpi;

/**
 * The stage-2 state stays bounded per record: one unit receiving 100,000 facts in one month (the
 * benchmark's hot unit had ~70,000) never stores a value above 1 KB, and the month still closes
 * with exact figures (median included).
 */
class KpiStoreSizeTest {
  private static final int FACTS = 100_000;

  /** A string store in a sorted map, remembering the largest value ever written. */
  private static final class SizedStore implements KeyValueKpiStore.StringKeyValue {
    final TreeMap<String, String> kv = new TreeMap<>();
    int largest;
    String largestKey;

    @Override
    public String get(String key) {
      return kv.get(key);
    }

    @Override
    public void put(String key, String value) {
      if (value.length() > largest) {
        largest = value.length();
        largestKey = key;
      }
      kv.put(key, value);
    }

    @Override
    public void delete(String key) {
      kv.remove(key);
    }

    @Override
    public List<String> keysWithPrefix(String prefix) {
      return List.copyOf(kv.subMap(prefix, prefix + Character.MAX_VALUE).keySet());
    }
  }

  @Test
  void largestStoredValueStaysBelowOneKilobyteAfter100000FactsOfOneUnitMonth() {
    SizedStore raw = new SizedStore();
    KpiAggregator json = new KpiAggregator(new KeyValueKpiStore(raw), 1);
    KpiAggregator memory = new KpiAggregator(new InMemoryKpiStore(), 1);
    Instant start = KpiScenario.local("2026-03-01T00:00");
    long monthMillis = KpiScenario.local("2026-04-01T00:00").toEpochMilli() - start.toEpochMilli();
    Random rnd = new Random(42);
    List<Long> days = new ArrayList<>();
    long received = 0;
    long onTime = 0;
    long ratings = 0;
    long ratingSum = 0;
    long overdue = 0;
    for (int i = 0; i < FACTS; i++) {
      long at = start.toEpochMilli() + (long) i * (monthMillis / FACTS);
      KpiFact f;
      switch (i % 5) {
        case 0 -> {
          f = new KpiFact.Received("HOT", at);
          received++;
        }
        case 1 -> f = new KpiFact.Accepted("HOT", at);
        case 2 -> {
          long d = rnd.nextInt(60);
          boolean ok = rnd.nextBoolean();
          days.add(d);
          onTime += ok ? 1 : 0;
          f = new KpiFact.Resolved("HOT", at, ok, d);
        }
        case 3 -> {
          int score = 1 + rnd.nextInt(5);
          ratings++;
          ratingSum += score;
          f = new KpiFact.Rated("HOT", at, score);
        }
        default -> {
          int delta = i % 10 == 4 ? 1 : (rnd.nextInt(3) == 0 ? -1 : 1);
          overdue += delta;
          f = new KpiFact.Overdue("HOT", at, delta);
        }
      }
      assertThat(json.accept(f)).isEmpty();
      memory.accept(f);
    }
    KpiFact close = new KpiFact.Watermark(0, KpiScenario.local("2026-04-01T00:00").toEpochMilli());
    List<UnitKpi> out = json.accept(close);

    assertThat(raw.largest).as("largest value, key %s", raw.largestKey).isLessThan(1024);
    assertThat(raw.kv)
        .as("one key per distinct working-day value, not per case")
        .hasSizeLessThan(100);
    List<Long> sorted = days.stream().sorted().toList();
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    UnitKpi expected =
        UnitKpi.newBuilder()
            .setUnitId("HOT")
            .setMonth("2026-03")
            .setReceived(received)
            .setAccepted(FACTS / 5)
            .setResolved(n)
            .setResolvedOnTime(onTime)
            .setOverdueOpenAtMonthEnd(overdue)
            .setMedianResolutionWorkingDays(median)
            .setRatingCount(ratings)
            .setMeanRating((double) ratingSum / ratings)
            .build();
    assertThat(out).containsExactly(expected);
    assertThat(memory.accept(close)).as("in-memory store agrees").isEqualTo(out);
  }

  @Test
  void medianIsExactForEvenAndOddCountsAndRepeatedValues() {
    assertThat(ResolutionMedian.of(new TreeMap<>())).isNull();
    assertThat(ResolutionMedian.of(new TreeMap<>(Map.of(7L, 1L)))).isEqualTo(7.0);
    assertThat(ResolutionMedian.of(new TreeMap<>(Map.of(9L, 1L, 10L, 1L)))).isEqualTo(9.5);
    assertThat(ResolutionMedian.of(new TreeMap<>(Map.of(1L, 3L, 4L, 1L, 100L, 2L)))).isEqualTo(2.5);
    assertThat(ResolutionMedian.of(new TreeMap<>(Map.of(1L, 3L, 4L, 2L, 100L, 2L)))).isEqualTo(4.0);
  }
}
