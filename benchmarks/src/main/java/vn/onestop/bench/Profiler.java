package vn.onestop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * JDK Flight Recorder around a benchmark phase (settings "profile": execution samples every 10 ms
 * per thread), and a summary of the hottest methods: by own samples (top frame) and by inclusive
 * samples (anywhere on the stack), as {@code jfr print --events jdk.ExecutionSample} would show
 * after counting.
 */
final class Profiler implements AutoCloseable {
  /** Components whose inclusive share is listed: label and frame-name prefix. */
  private static final List<String[]> COMPONENTS =
      List.of(
          new String[] {
            "KpiAggregator.accept (unit KPI ledger)", "vn.onestop.sla.kpi.KpiAggregator.accept"
          },
          new String[] {"  of which JSON (Jackson) of the ledger", "com.fasterxml.jackson."},
          new String[] {
            "CaseDecider.decide (state machine)", "vn.onestop.sla.cases.CaseDecider.decide"
          },
          new String[] {
            "EscalationLadder.pending (next alerts)",
            "vn.onestop.sla.escalation.EscalationLadder.pending"
          },
          new String[] {
            "  of which alert ids (UUID v3 = MD5)",
            "vn.onestop.sla.escalation.EscalationLadder.alertId"
          },
          new String[] {"working-day calendar arithmetic", "vn.onestop.sla.calendar."},
          new String[] {
            "MessageDigest.getInstance (provider lookup)", "java.security.MessageDigest.getInstance"
          },
          new String[] {
            "Avro serialize (registry serde)",
            "vn.onestop.schema.serde.SpecificAvroSerializer.serialize"
          },
          new String[] {
            "Avro deserialize (registry serde)",
            "vn.onestop.schema.serde.SpecificAvroDeserializer.deserialize"
          },
          new String[] {"RocksDB (JNI)", "org.rocksdb."},
          new String[] {"Kafka Streams state stores", "org.apache.kafka.streams.state.internals."},
          new String[] {"Kafka consumer", "org.apache.kafka.clients.consumer."},
          new String[] {"Kafka producer", "org.apache.kafka.clients.producer."},
          new String[] {
            "Kafka Streams commit",
            "org.apache.kafka.streams.processor.internals.TaskExecutor.commit"
          });

  private final Recording recording;
  private final Path file;
  private boolean closed;

  private Profiler(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  /**
   * Starts a recording in this JVM, or returns a no-op when {@code enabled} is false.
   *
   * @param enabled whether to record
   * @param dir directory of the .jfr files
   * @param name phase name (file name)
   * @return the profiler; {@link #close()} stops and dumps it
   */
  static Profiler start(boolean enabled, Path dir, String name) {
    if (!enabled) {
      return new Profiler(null, null);
    }
    try {
      Files.createDirectories(dir);
      Recording r = new Recording(Configuration.getConfiguration("profile"));
      r.setName(name);
      r.start();
      return new Profiler(r, dir.resolve(name + ".jfr"));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot start JFR: " + e.getMessage(), e);
    }
  }

  /**
   * @return the .jfr file written by {@link #close()}, or null when not recording
   */
  Path file() {
    return file;
  }

  @Override
  public void close() {
    if (recording == null || closed) {
      return;
    }
    closed = true;
    try {
      recording.stop();
      recording.dump(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      recording.close();
    }
  }

  /**
   * Counts execution samples of a recording.
   *
   * @param jfr a .jfr file
   * @param threadFilter only samples of threads whose name contains this text (null: all threads)
   * @param top how many methods to list
   * @return a text table: own-sample share and inclusive share of the hottest methods
   */
  static String summarize(Path jfr, String threadFilter, int top) {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> components = new HashMap<>();
    Map<String, Integer> nativeTop = new HashMap<>();
    int total = 0;
    int nativeTotal = 0;
    try (RecordingFile rf = new RecordingFile(jfr)) {
      while (rf.hasMoreEvents()) {
        RecordedEvent e = rf.readEvent();
        boolean nativeSample = e.getEventType().getName().equals("jdk.NativeMethodSample");
        if (!nativeSample && !e.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        if (threadFilter != null) {
          var t = e.getThread("sampledThread");
          if (t == null || t.getJavaName() == null || !t.getJavaName().contains(threadFilter)) {
            continue;
          }
        }
        RecordedStackTrace st = e.getStackTrace();
        if (st == null || st.getFrames().isEmpty()) {
          continue;
        }
        if (nativeSample) {
          // a thread inside native code (JNI: RocksDB, sockets, waits); not in the Java samples
          nativeTotal++;
          nativeTop.merge(name(st.getFrames().get(0)), 1, Integer::sum);
          continue;
        }
        total++;
        List<RecordedFrame> frames = st.getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        Set<String> seenComponents = new HashSet<>();
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (seen.add(n)) {
            inclusive.merge(n, 1, Integer::sum);
          }
          for (String[] c : COMPONENTS) {
            if (n.startsWith(c[1]) && seenComponents.add(c[0])) {
              components.merge(c[0], 1, Integer::sum);
            }
          }
        }
      }
    } catch (IOException e) {
      return "cannot read " + jfr + ": " + e.getMessage();
    }
    if (total == 0) {
      return "no execution samples"
          + (threadFilter == null ? "" : " on threads named *" + threadFilter + "*");
    }
    final int n = total;
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d samples%s; own time:%n",
                n,
                threadFilter == null ? "" : " on threads *" + threadFilter + "*"));
    b.append(table(self, n, top));
    b.append(
        String.format(
            Locale.ROOT,
            "native-method samples (thread inside JNI/native code, sampled apart): %d; top:%n",
            nativeTotal));
    b.append(table(nativeTop, Math.max(1, nativeTotal), 5));
    b.append("components (inclusive: share of samples with the component on the stack):\n");
    for (String[] c : COMPONENTS) {
      b.append(
          String.format(
              Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * components.getOrDefault(c[0], 0) / n, c[0]));
    }
    b.append("inclusive (on the stack), vn.onestop and org.apache frames:\n");
    Map<String, Integer> ours =
        inclusive.entrySet().stream()
            .filter(
                en ->
                    en.getKey().startsWith("vn.onestop")
                        || en.getKey().startsWith("org.apache.kafka.streams.state")
                        || en.getKey().startsWith("org.apache.avro")
                        || en.getKey().startsWith("org.apache.kafka.clients")
                        || en.getKey().startsWith("org.rocksdb"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    b.append(table(ours, n, top));
    return b.toString();
  }

  private static String table(Map<String, Integer> counts, int total, int top) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .map(
            e ->
                String.format(
                    Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()))
        .collect(Collectors.joining());
  }

  private static String name(RecordedFrame f) {
    var m = f.getMethod();
    return m == null ? "?" : m.getType().getName() + "." + m.getName();
  }
}
