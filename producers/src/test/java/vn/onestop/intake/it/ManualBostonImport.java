package vn.onestop.intake.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import vn.onestop.infra.LocalKafkaStack;
import vn.onestop.intake.importer.Boston311Profile;
import vn.onestop.intake.importer.HotlineImporter;
import vn.onestop.intake.importer.ImportOptions;
import vn.onestop.intake.importer.ImportReport;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;

/**
 * Manual figures (not a test): imports all Boston 311 files twice into a fresh local stack and
 * prints both summaries and the event counts. Run from {@code producers/}: {@code mvn -o exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=vn.onestop.intake.it.ManualBostonImport
 * [-Dexec.args=DIR]}.
 */
public final class ManualBostonImport {
  private ManualBostonImport() {}

  /**
   * @param args optional data directory (default ../../shared/data/boston311-2015)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../../shared/data/boston311-2015");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    try (LocalKafkaStack stack = LocalKafkaStack.start()) {
      TopicAdmin.create(
          stack.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
      CaseEventsLog log = new CaseEventsLog(stack.bootstrapServers(), stack.schemaRegistryUrl());
      ImportOptions options =
          ImportOptions.defaults(
              stack.bootstrapServers(),
              stack.schemaRegistryUrl(),
              Path.of("target/boston-rejects.csv"));
      System.out.println("== first import of " + files.size() + " files");
      ImportReport first = new HotlineImporter(options).run(files, new Boston311Profile());
      long afterFirst = log.count();
      System.out.println("events in case-events: " + afterFirst);
      System.out.println("== second import");
      ImportReport second = new HotlineImporter(options).run(files, new Boston311Profile());
      long afterSecond = log.count();
      System.out.println(
          "events in case-events: "
              + afterSecond
              + " (unchanged: "
              + (afterFirst == afterSecond)
              + ")");
      System.out.println(
          "first import "
              + first.duration().toMillis()
              + " ms, second "
              + second.duration().toMillis()
              + " ms");
    }
    System.exit(0);
  }
}
