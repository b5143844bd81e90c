package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;

/**
 * What an operator sees for a mistyped argument or a port another process holds: one line naming
 * the option and what it expects, exit status 2 (bad usage) or 1 (a failed check), no stack trace
 * and no usage dump.
 */
@WithKafkaStack
class CommandLineErrorsIT {

  @Test
  void aBadMonthInstantOrDurationIsOneLineNamingTheOptionAndTheFormat() {
    CommandRun month = CommandRun.of(new String[] {"kpi", "report", "--month", "2026-13"});
    assertThat(month.status()).isEqualTo(2);
    assertThat(month.err().lines().findFirst())
        .hasValueSatisfying(
            l -> assertThat(l).contains("--month").contains("YYYY-MM").contains("'2026-13'"));
    assertThat(month.err().lines()).hasSize(2).noneMatch(l -> l.contains("Usage:"));

    CommandRun from = CommandRun.of(new String[] {"audit", "replay", "--from", "yesterday"});
    assertThat(from.status()).isEqualTo(2);
    assertThat(from.err()).contains("--from").contains("ISO-8601").contains("'yesterday'");
    assertThat(from.err()).doesNotContain("DateTimeParseException");

    CommandRun timeout = CommandRun.of(new String[] {"demo", "--timeout", "ten minutes"});
    assertThat(timeout.status()).isEqualTo(2);
    assertThat(timeout.err()).contains("--timeout").contains("PT30S");
  }

  @Test
  void aPortInUseIsOneLineNamingTheOption(KafkaStack stack) throws Exception {
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CommandRun feed =
          CommandRun.of(
              new String[] {"feed", "--port", String.valueOf(held.getLocalPort())},
              "--bootstrap-servers",
              stack.bootstrapServers(),
              "--schema-registry-url",
              stack.schemaRegistryUrl());
      assertThat(feed.status()).isEqualTo(1);
      assertThat(feed.err().lines().filter(l -> l.startsWith("onestop feed:")))
          .containsExactly(
              "onestop feed: --port "
                  + held.getLocalPort()
                  + ": already in use by another process (stop it, or choose another port with"
                  + " --port)");
      assertThat(feed.err()).doesNotContain("\tat ");
    }
  }
}
