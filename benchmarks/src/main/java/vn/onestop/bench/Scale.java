package vn.onestop.bench;

import java.util.List;

/**
 * Sizes of one run.
 *
 * @param name scale name
 * @param baselineEvents events of the raw-Kafka baseline (item 1)
 * @param pipelineEvents events of the pipeline throughput run (item 2)
 * @param latencySeconds length of the paced latency run (item 2)
 * @param indexSizes open-case counts of the punctuation benchmark (item 3)
 * @param stormCases cases due at the same instant (item 4) = open cases of the memory figure (item
 *     6)
 * @param tableSizes case counts of the scaling table (item 9), smallest first
 */
record Scale(
    String name,
    int baselineEvents,
    int pipelineEvents,
    int latencySeconds,
    List<Integer> indexSizes,
    int stormCases,
    List<Integer> tableSizes) {

  /** A quick run for development (about 1-2 minutes). */
  static final Scale SMALL =
      new Scale(
          "small", 20_000, 20_000, 5, List.of(1_000, 10_000), 10_000, List.of(10_000, 100_000));

  /** A run of the smoke test (seconds). */
  static final Scale TINY =
      new Scale("tiny", 2_000, 2_000, 2, List.of(1_000), 1_000, List.of(1_000, 2_000));

  /** The sizes (about 10-15 minutes on 2 cores). */
  static final Scale FULL =
      new Scale(
          "full",
          1_000_000,
          1_000_000,
          30,
          List.of(10_000, 100_000, 1_000_000),
          1_000_000,
          List.of(10_000, 100_000, 1_000_000));

  static Scale named(String name) {
    return switch (name) {
      case "tiny" -> TINY;
      case "small" -> SMALL;
      case "full" -> FULL;
      default ->
          throw new IllegalArgumentException(
              "--scale must be tiny, small or full, got '" + name + "'");
    };
  }
}
