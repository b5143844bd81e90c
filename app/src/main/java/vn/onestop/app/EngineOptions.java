package vn.onestop.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options of an SLA engine instance that shares the work with others of the same {@code
 * application.id}: how many instances are planned ({@code --instances}), standby replicas of the
 * stores ({@code --standby-replicas}, default 1 when more than one instance is planned, else 0),
 * the address the other instances and the intakes reach this one at ({@code --advertised-http},
 * Kafka Streams' {@code application.server}), and further Kafka Streams properties.
 */
public final class EngineOptions {
  @Option(
      names = "--instances",
      defaultValue = "${env:ONESTOP_ENGINE_INSTANCES:-1}",
      description =
          "Engine instances planned for this application.id (env ONESTOP_ENGINE_INSTANCES; default"
              + " ${DEFAULT-VALUE}); sets the default of --standby-replicas.")
  int instances;

  @Option(
      names = "--standby-replicas",
      defaultValue = "${env:ONESTOP_STANDBY_REPLICAS:--1}",
      description =
          "Kafka Streams num.standby.replicas: warm copies of each store on other instances, for a"
              + " fast failover (env ONESTOP_STANDBY_REPLICAS; default 1 when --instances > 1, else"
              + " 0).")
  int standbyReplicas;

  @Option(
      names = "--advertised-http",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:ONESTOP_ADVERTISED_HTTP}",
      description =
          "Where the other engine instances and the intakes reach this instance's HTTP port (Kafka"
              + " Streams application.server; env ONESTOP_ADVERTISED_HTTP). Default: the bind"
              + " address and port, or this host's IP address when binding 0.0.0.0.")
  String advertisedHttp;

  @Option(
      names = "--streams-property",
      paramLabel = "KEY=VALUE",
      description =
          "A further Kafka Streams or client property, e.g. session.timeout.ms=10000 (repeatable)."
              + " processing.guarantee stays exactly_once_v2.")
  Map<String, String> streamsProperties = new LinkedHashMap<>();

  /**
   * @return {@code num.standby.replicas}: the option, or 1 when several instances are planned
   * @throws IllegalArgumentException if an option is out of range
   */
  int standbys() {
    if (instances < 1) {
      throw new IllegalArgumentException("--instances must be >= 1, got " + instances);
    }
    if (standbyReplicas < -1) {
      throw new IllegalArgumentException("--standby-replicas must be >= 0, got " + standbyReplicas);
    }
    return standbyReplicas >= 0 ? standbyReplicas : (instances > 1 ? 1 : 0);
  }

  /**
   * @param bindHost the address the HTTP port is bound to
   * @param boundPort the port it is bound to
   * @return {@code host:port} for {@code application.server}
   * @throws IllegalArgumentException if {@code --advertised-http} is not {@code host:port}
   */
  String applicationServer(String bindHost, int boundPort) {
    if (advertisedHttp != null && !advertisedHttp.isBlank()) {
      String v = advertisedHttp.strip();
      int colon = v.lastIndexOf(':');
      if (colon <= 0 || !v.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalArgumentException(
            "--advertised-http must be HOST:PORT, e.g. engine-1:8070, got '" + v + "'");
      }
      return v;
    }
    String host = bindHost;
    if ("0.0.0.0".equals(bindHost) || "::".equals(bindHost)) {
      try {
        host = InetAddress.getLocalHost().getHostAddress();
      } catch (UnknownHostException e) {
        host = "127.0.0.1";
      }
    }
    return host + ":" + boundPort;
  }
}
