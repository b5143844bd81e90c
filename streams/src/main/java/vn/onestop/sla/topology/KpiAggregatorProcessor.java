package vn.onestop.sla.topology;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.UnitKpi;
import vn.onestop.sla.kpi.KeyValueKpiStore;
import vn.onestop.sla.kpi.KpiAggregator;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.state.KpiFactRecord;

/**
 * Stage 2 of the KPIs, in the task of a facts-topic partition (the units hashed to it): applies
 * each {@link KpiFactRecord} to a {@link KpiAggregator} whose state lives in {@link
 * SlaTopology#KPI_STORE} and forwards every {@link UnitKpi} it returns (months closed by a
 * watermark, corrections by late facts) with key {@code unitId|YYYY-MM} to {@code unit-kpis}.
 *
 * <p>A record that cannot be applied (a fact lacking a field, a watermark from a case-events
 * partition outside {@code [0, sources)} because the topology was built for fewer partitions than
 * case-events has) is logged at ERROR and skipped: the KPIs are then incomplete, but alerts keep
 * flowing.
 */
final class KpiAggregatorProcessor implements Processor<String, KpiFactRecord, String, UnitKpi> {
  private static final Logger LOG = LoggerFactory.getLogger(KpiAggregatorProcessor.class);

  private final int sources;
  private ProcessorContext<String, UnitKpi> context;
  private KpiAggregator aggregator;

  /**
   * @param sources number of case-events partitions (fact sources), at least 1
   */
  KpiAggregatorProcessor(int sources) {
    this.sources = sources;
  }

  @Override
  public void init(ProcessorContext<String, UnitKpi> context) {
    this.context = context;
    this.aggregator =
        new KpiAggregator(
            new KeyValueKpiStore(new KpiStringStore(context.getStateStore(SlaTopology.KPI_STORE))),
            sources);
  }

  @Override
  public void process(Record<String, KpiFactRecord> record) {
    if (record.value() == null) {
      return;
    }
    List<UnitKpi> out;
    try {
      KpiFact f = KpiFactAvro.fromAvro(record.value());
      out = aggregator.accept(f);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A bad fact or an unreadable stored value (e.g. a store written by an older layout) must not
      // stop the
      // stream thread: alerts matter more than one unit's indicators. Kafka Streams' own exceptions
      // pass.
      LOG.error(
          "KPI fact {} (key {}) not applied: {} (the topology counts {} case-events partitions)",
          record.value(),
          record.key(),
          e.getMessage(),
          sources);
      return;
    }
    for (UnitKpi k : out) {
      context.forward(new Record<>(KpiAggregator.key(k), k, record.timestamp()));
    }
  }
}
