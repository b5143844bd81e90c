package vn.onestop.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.TopicSetup;

/**
 * {@code onestop topics setup|verify}: the operator's view of the pipeline's topics on a named
 * cluster. {@code setup} creates missing topics with the product's settings and checks existing
 * ones; {@code verify} only checks. Exit 0 when every topic is present with the product's settings,
 * 1 with one line per missing topic or wrong setting.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Create (setup) or check (verify) the pipeline's topics and their settings.",
    subcommands = {TopicsCommand.Setup.class, TopicsCommand.Verify.class})
final class TopicsCommand {

  @Command(
      name = "setup",
      mixinStandardHelpOptions = true,
      description =
          "Create missing topics with the product's settings (retention.ms=-1, compaction where"
              + " the contract says so) and check the existing ones.")
  static final class Setup implements Callable<Integer> {
    @Mixin ClusterOptions cluster;
    @Mixin TopicOptions topics;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (Cluster c = cluster.external()) {
        Services.prepareTopics(c, topics);
        spec.commandLine()
            .getOut()
            .println("topics ok: " + String.join(", ", Services.allTopicNames()));
        return 0;
      }
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Check that every topic exists with the product's settings; creates nothing.")
  static final class Verify implements Callable<Integer> {
    @Mixin ClusterOptions cluster;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (Cluster c = cluster.external();
          Admin admin =
              Admin.create(
                  Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers()))) {
        List<org.apache.kafka.clients.admin.NewTopic> topics =
            new java.util.ArrayList<>(TopicSetup.wanted(SlaTopics.DEFAULT, 1, (short) 1));
        topics.addAll(Services.feedTopics(1, (short) 1));
        List<String> wrong = TopicAdmin.verify(admin, topics);
        if (wrong.isEmpty()) {
          spec.commandLine()
              .getOut()
              .println("topics ok: " + String.join(", ", Services.allTopicNames()));
          return 0;
        }
        wrong.forEach(
            line -> spec.commandLine().getErr().println("onestop topics verify: " + line));
        return 1;
      }
    }
  }
}
