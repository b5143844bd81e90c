package vn.onestop.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import vn.onestop.infra.LocalKafkaStack;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * {@code onestop demo}: the main job on its embedded default. Starts a local Kafka broker and schema
 * registry, creates the topics, registers every schema, writes one real case (the first Boston 311
 * row of the bundled data) to {@code case-events}, reads it back, prints what it did and stops
 * everything.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a local broker and registry, register the schemas, round-trip one real case, stop.")
public final class DemoCommand implements Callable<Integer> {
  private static final DateTimeFormatter BOSTON_TIME =
      DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    System.out.println("Starting a local Kafka broker (KRaft) and Apicurio Registry on 127.0.0.1 ...");
    try (LocalKafkaStack stack = LocalKafkaStack.start()) {
      System.out.printf("  broker   %s%n  registry %s%n", stack.bootstrapServers(), stack.schemaRegistryUrl());
      List<String> created = TopicSetup.createAll(stack.bootstrapServers(), 3, (short) 1);
      System.out.println("Created topics: " + created);
      SchemaRegistryClient registry = new SchemaRegistryClient(stack.schemaRegistryUrl());
      Map<String, Integer> ids = Topics.registerAll(registry);
      ids.forEach((subject, id) -> System.out.printf("  registered %-28s schema id %d%n", subject, id));

      CaseEvent event = firstBostonCase();
      RecordMetadata written;
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      try (KafkaProducer<String, CaseEvent> producer = new KafkaProducer<>(p,
          Topics.CASE_EVENTS.keySerde().serializer(), Topics.CASE_EVENTS.valueSerde(registry, true).serializer())) {
        written = producer.send(new ProducerRecord<>(Topics.CASE_EVENTS.name(), null,
            event.getOccurredAt().toEpochMilli(), event.getCaseId(), event)).get();
      }
      System.out.printf("Wrote case %s to %s-%d@%d%n", event.getCaseId(), written.topic(), written.partition(),
          written.offset());

      Properties c = new Properties();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
      c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      try (KafkaConsumer<String, CaseEvent> consumer = new KafkaConsumer<>(c,
          Topics.CASE_EVENTS.keySerde().deserializer(), Topics.CASE_EVENTS.valueSerde(registry, true).deserializer())) {
        TopicPartition tp = new TopicPartition(written.topic(), written.partition());
        consumer.assign(List.of(tp));
        consumer.seek(tp, written.offset());
        ConsumerRecord<String, CaseEvent> back = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (back == null && System.currentTimeMillis() < deadline) {
          for (ConsumerRecord<String, CaseEvent> r : consumer.poll(Duration.ofMillis(200))) {
            back = r;
          }
        }
        if (back == null || !event.equals(back.value())) {
          System.out.println("Round trip FAILED: read " + (back == null ? "nothing" : back.value()));
          return 1;
        }
        System.out.println("Read it back equal: " + back.value());
      }
    }
    System.out.printf("Stopped the broker and the registry. Wall time %.1f s.%n", (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  /** Maps the first row of the bundled Electrical file to a Submitted event (Boston local time). */
  private static CaseEvent firstBostonCase() throws Exception {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        DemoCommand.class.getResourceAsStream("/boston311-2015/Electrical.csv.gz")), StandardCharsets.UTF_8))) {
      in.readLine();
      String[] f = in.readLine().split(",", -1);
      ZoneId boston = ZoneId.of("America/New_York");
      Instant opened = LocalDateTime.parse(f[2], BOSTON_TIME).atZone(boston).toInstant();
      Instant target = LocalDateTime.parse(f[3], BOSTON_TIME).atZone(boston).toInstant();
      Submitted submitted = Submitted.newBuilder()
          .setCategory(Category.SERVICE_REQUEST).setComplexity(Complexity.NORMAL).setChannel(Channel.HOTLINE)
          .setUnitId(f[13]).setServiceCode(f[11]).setTitle(f[8]).setDescription(f[8] + " (" + f[9] + ")")
          .setSourceRecordId(f[1]).setSourceDueAt(target).build();
      return CaseEvent.newBuilder()
          .setEventId(UUID.nameUUIDFromBytes(("boston311|" + f[1] + "|submitted").getBytes(StandardCharsets.UTF_8))
              .toString())
          .setCaseId("BOS-" + f[1]).setOccurredAt(opened).setRecordedAt(Instant.now().truncatedTo(
              java.time.temporal.ChronoUnit.MILLIS))
          .setSourceSystem("hotline-import:boston311").setActor(null).setPayload(submitted).build();
    }
  }
}
