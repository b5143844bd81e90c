package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.Topics;
import vn.onestop.sla.policy.PolicyBook;

/**
 * What the SLA topology reads and writes. An acknowledgement or snooze of the cockpit must never
 * move a legal clock (docs/design.md, Acknowledgements): the engine neither reads nor writes {@code
 * case-acknowledgements}.
 */
class SlaTopologySourcesTest {
  private static final Set<String> SOURCES = new TreeSet<>();
  private static final Set<String> SINKS = new TreeSet<>();

  static {
    TopologyDescription d =
        SlaTopology.build(
                SlaTopics.DEFAULT,
                SlaDriver.plainSerdes(),
                PolicyBook.defaults(),
                PunctuationSettings.DEFAULT,
                3)
            .describe();
    for (TopologyDescription.Subtopology s : d.subtopologies()) {
      for (TopologyDescription.Node n : s.nodes()) {
        if (n instanceof TopologyDescription.Source src) {
          SOURCES.addAll(src.topicSet());
        } else if (n instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          SINKS.add(sink.topic());
        }
      }
    }
    for (TopologyDescription.GlobalStore g : d.globalStores()) {
      SOURCES.addAll(g.source().topicSet());
    }
  }

  @Test
  void theEngineNeverReadsOrWritesTheAcknowledgementsTopic() {
    assertThat(SOURCES).isNotEmpty().doesNotContain(Topics.CASE_ACKNOWLEDGEMENTS.name());
    assertThat(SINKS).isNotEmpty().doesNotContain(Topics.CASE_ACKNOWLEDGEMENTS.name());
  }

  @Test
  void theEngineReadsCaseEventsAndTheOrgDirectoryAndWritesAlertsRefusalsAndKpis() {
    SlaTopics t = SlaTopics.DEFAULT;
    assertThat(SOURCES).contains(t.caseEvents(), t.orgUnits());
    assertThat(SINKS).contains(t.caseAlerts(), t.rejected());
    // every other source is one of the engine's own internal topics (repartitions), which the
    // topology writes itself
    assertThat(SOURCES)
        .allSatisfy(
            topic ->
                assertThat(
                        topic.equals(t.caseEvents())
                            || topic.equals(t.orgUnits())
                            || SINKS.contains(topic))
                    .as(topic)
                    .isTrue());
  }
}
