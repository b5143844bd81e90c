package vn.onestop.schema.serde;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Refuses records whose value takes a union branch that the reader does not have.
 *
 * <p>Avro's schema resolution matches a writer's record branch to the first reader branch it can
 * fill from the writer's fields when no branch has the same name ("structure match"). A newer
 * writer's {@code CaseEvent} payload {@code Escalated} would thus be read, silently, as {@code
 * Accepted} (whose fields all have defaults). Our contract (CaseEvent.avsc: "readers that do not
 * know a branch route the event to case-events-rejected") needs an error instead.
 *
 * <p>Cost: nothing when every record branch of the writer's unions is known to the reader by name
 * or alias (the usual case: same schema). Otherwise the record is first decoded generically with
 * the writer schema and walked alongside the reader schema; fields the reader does not have are
 * skipped, as the resolver would skip them.
 */
final class UnknownBranchGuard {
  private final Schema writer;
  private final Schema reader;
  private final boolean needed;

  UnknownBranchGuard(Schema writer, Schema reader) {
    this.writer = writer;
    this.reader = reader;
    Set<String> known = new HashSet<>();
    collectNames(reader, known, new IdentityHashMap<>());
    this.needed = hasUnknownUnionRecord(writer, known, new IdentityHashMap<>());
  }

  /**
   * @return whether records of this writer schema need {@link #check}
   */
  boolean needed() {
    return needed;
  }

  /**
   * @throws SerializationException naming the field path and the branch, if the record takes a
   *     union branch the reader does not have
   * @throws IOException if the bytes do not decode with the writer schema
   */
  void check(byte[] data, int offset, int length, String topic, int schemaId) throws IOException {
    Object datum =
        new GenericDatumReader<>(writer, writer, GenericData.get())
            .read(null, DecoderFactory.get().binaryDecoder(data, offset, length, null));
    String unknown = walk(datum, writer, reader, reader.getName());
    if (unknown != null) {
      throw new SerializationException(
          "record on topic "
              + topic
              + " (schema id "
              + schemaId
              + ") has "
              + unknown
              + ", a union branch that reader schema "
              + reader.getFullName()
              + " does not know (written with a newer schema); refusing to read it as another branch");
    }
  }

  /**
   * @return "path: branch" of the first unknown branch taken, or null
   */
  private static String walk(Object datum, Schema w, Schema r, String path) {
    switch (w.getType()) {
      case UNION -> {
        Schema branch = w.getTypes().get(GenericData.get().resolveUnion(w, datum));
        if (r.getType() != Schema.Type.UNION) {
          return walk(datum, branch, r, path);
        }
        Schema match = matchingBranch(branch, r.getTypes());
        if (match == null) {
          return branch.getType() == Schema.Type.RECORD
              ? path + " = " + branch.getFullName()
              : null;
        }
        return walk(datum, branch, match, path);
      }
      case RECORD -> {
        if (r.getType() != Schema.Type.RECORD) {
          return null;
        }
        GenericRecord record = (GenericRecord) datum;
        for (Schema.Field wf : w.getFields()) {
          Schema.Field rf = readerField(r, wf.name());
          if (rf != null) {
            String found =
                walk(record.get(wf.pos()), wf.schema(), rf.schema(), path + "." + wf.name());
            if (found != null) {
              return found;
            }
          }
        }
        return null;
      }
      case ARRAY -> {
        if (r.getType() != Schema.Type.ARRAY) {
          return null;
        }
        int i = 0;
        for (Object item : (Collection<?>) datum) {
          String found = walk(item, w.getElementType(), r.getElementType(), path + "[" + i++ + "]");
          if (found != null) {
            return found;
          }
        }
        return null;
      }
      case MAP -> {
        if (r.getType() != Schema.Type.MAP) {
          return null;
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
          String found =
              walk(e.getValue(), w.getValueType(), r.getValueType(), path + "[" + e.getKey() + "]");
          if (found != null) {
            return found;
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * The reader branch for a writer branch: same full name or an alias for named types, same type
   * otherwise.
   */
  private static Schema matchingBranch(Schema branch, List<Schema> readerBranches) {
    boolean named =
        switch (branch.getType()) {
          case RECORD, ENUM, FIXED -> true;
          default -> false;
        };
    for (Schema b : readerBranches) {
      if (b.getType() != branch.getType()) {
        continue;
      }
      if (!named
          || b.getFullName().equals(branch.getFullName())
          || b.getAliases().contains(branch.getFullName())) {
        return b;
      }
    }
    return null;
  }

  private static Schema.Field readerField(Schema r, String name) {
    Schema.Field f = r.getField(name);
    if (f != null) {
      return f;
    }
    for (Schema.Field candidate : r.getFields()) {
      if (candidate.aliases().contains(name)) {
        return candidate;
      }
    }
    return null;
  }

  private static void collectNames(Schema s, Set<String> names, Map<Schema, Boolean> seen) {
    if (seen.put(s, Boolean.TRUE) != null) {
      return;
    }
    switch (s.getType()) {
      case RECORD -> {
        names.add(s.getFullName());
        names.addAll(s.getAliases());
        s.getFields().forEach(f -> collectNames(f.schema(), names, seen));
      }
      case ENUM, FIXED -> {
        names.add(s.getFullName());
        names.addAll(s.getAliases());
      }
      case UNION -> s.getTypes().forEach(t -> collectNames(t, names, seen));
      case ARRAY -> collectNames(s.getElementType(), names, seen);
      case MAP -> collectNames(s.getValueType(), names, seen);
      default -> {}
    }
  }

  private static boolean hasUnknownUnionRecord(
      Schema s, Set<String> known, Map<Schema, Boolean> seen) {
    if (seen.put(s, Boolean.TRUE) != null) {
      return false;
    }
    return switch (s.getType()) {
      case RECORD ->
          s.getFields().stream().anyMatch(f -> hasUnknownUnionRecord(f.schema(), known, seen));
      case UNION ->
          s.getTypes().stream()
              .anyMatch(
                  t ->
                      (t.getType() == Schema.Type.RECORD && !known.contains(t.getFullName()))
                          || hasUnknownUnionRecord(t, known, seen));
      case ARRAY -> hasUnknownUnionRecord(s.getElementType(), known, seen);
      case MAP -> hasUnknownUnionRecord(s.getValueType(), known, seen);
      default -> false;
    };
  }
}
