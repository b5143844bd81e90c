package vn.onestop.bench;

import java.util.List;
import java.util.Locale;

/**
 * The scaling table (item 9): replay and pipeline at growing case counts, so that how the cost per
 * event grows with the number of cases is visible (RocksDB depth, KPI ledgers, the deadline index).
 */
final class ScalingTable {
  private ScalingTable() {}

  /**
   * One size.
   *
   * @param cases cases of the workload
   * @param events input events (cases × events per case)
   * @param replayRate offline replay (one thread, records in memory), events/s; NaN when not run
   * @param pipelineRate the pipeline (intake producer → engine, input committed), events/s; NaN
   *     when not run
   * @param recordsPerEvent records the engine wrote per input event in the pipeline run; NaN when
   *     not run
   */
  record Row(
      long cases, long events, double replayRate, double pipelineRate, double recordsPerEvent) {}

  /**
   * @param rate events/s
   * @return microseconds per event (1e6 / rate), NaN for NaN or a non-positive rate
   */
  static double microsPerEvent(double rate) {
    return Double.isNaN(rate) || rate <= 0 ? Double.NaN : 1e6 / rate;
  }

  /**
   * Formats the table as Markdown: one row per size, events/s and µs per event for replay and
   * pipeline, and the µs per event relative to the first (smallest) row ("× first"). A figure not
   * measured prints as "—".
   *
   * @param rows the sizes, smallest first
   * @return the table, header included, every line ending in a newline
   */
  static String markdown(List<Row> rows) {
    StringBuilder b =
        new StringBuilder(
            "| cases | input events | replay events/s | replay µs/event | replay × first |"
                + " pipeline events/s | pipeline µs/event | pipeline × first |"
                + " records written/event |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double replay0 = rows.isEmpty() ? Double.NaN : microsPerEvent(rows.get(0).replayRate());
    double pipe0 = rows.isEmpty() ? Double.NaN : microsPerEvent(rows.get(0).pipelineRate());
    for (Row r : rows) {
      double ru = microsPerEvent(r.replayRate());
      double pu = microsPerEvent(r.pipelineRate());
      b.append(String.format(Locale.ROOT, "| %,d | %,d | ", r.cases(), r.events()))
          .append(num("%,.0f", r.replayRate()))
          .append(" | ")
          .append(num("%.2f", ru))
          .append(" | ")
          .append(num("%.2f×", ru / replay0))
          .append(" | ")
          .append(num("%,.0f", r.pipelineRate()))
          .append(" | ")
          .append(num("%.1f", pu))
          .append(" | ")
          .append(num("%.2f×", pu / pipe0))
          .append(" | ")
          .append(num("%.2f", r.recordsPerEvent()))
          .append(" |\n");
    }
    return b.toString();
  }

  private static String num(String format, double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, format, v);
  }
}
