package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import vn.onestop.sla.SlaEngineConfig;

class SlaEngineConfigTest {

  @Test
  void defaultsAreExactlyOnceV2TheDefaultApplicationIdAndNoTaskIdling() {
    Properties p =
        SlaEngineConfig.builder("127.0.0.1:9092", "http://127.0.0.1:8081")
            .stateDir(Path.of("/var/lib/onestop"))
            .build()
            .toStreamsProperties();
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("onestop-sla-engine");
    assertThat(p.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/onestop");
    assertThat(p.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
    assertThat(p).doesNotContainKey(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG);
  }

  @Test
  void taskIdlingMustStayBelowTheMaxPollInterval() {
    assertThatThrownBy(
            () -> SlaEngineConfig.builder("b:1", "http://r").maxTaskIdleMs(300_000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max.task.idle.ms")
        .hasMessageContaining("KAFKA-12360");
    assertThatThrownBy(
            () ->
                SlaEngineConfig.builder("b:1", "http://r")
                    .maxTaskIdleMs(20_000)
                    .override("max.poll.interval.ms", 10_000)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10000");
    assertThat(
            SlaEngineConfig.builder("b:1", "http://r").maxTaskIdleMs(5_000).build().maxTaskIdleMs())
        .isEqualTo(5_000);
    assertThatThrownBy(() -> SlaEngineConfig.builder("b:1", "http://r").maxTaskIdleMs(-2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max.task.idle.ms must be -1 or >= 0");
  }

  @Test
  void theProcessingGuaranteeCannotBeOverriddenAndRequiredSettingsAreNamed() {
    assertThatThrownBy(
            () ->
                SlaEngineConfig.builder("b:1", "http://r")
                    .override("processing.guarantee", "at_least_once")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly_once_v2");
    assertThatThrownBy(() -> SlaEngineConfig.builder(" ", "http://r").build())
        .hasMessageContaining("bootstrap.servers");
    assertThatThrownBy(() -> SlaEngineConfig.builder("b:1", null).build())
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> SlaEngineConfig.builder("b:1", "http://r").numStreamThreads(0).build())
        .hasMessageContaining("num.stream.threads");
  }

  @Test
  void punctuationSettingsRefuseNonsense() {
    assertThatThrownBy(() -> new PunctuationSettings(java.time.Duration.ZERO, 1))
        .hasMessageContaining("interval");
    assertThatThrownBy(() -> new PunctuationSettings(java.time.Duration.ofSeconds(1), 0))
        .hasMessageContaining("maxEntriesPerPunctuation");
  }
}
