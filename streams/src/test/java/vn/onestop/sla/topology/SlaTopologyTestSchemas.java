package vn.onestop.sla.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import vn.onestop.schema.CaseEvent;

/** Schemas of future writers, for tests of forward compatibility. */
public final class SlaTopologyTestSchemas {
  private SlaTopologyTestSchemas() {}

  /**
   * @return the CaseEvent schema with a payload branch {@code Escalated(note)} appended after the
   *     last one, as a newer writer would have it (BACKWARD-compatible: it still reads old data)
   */
  public static Schema newerCaseEvent() {
    Schema old = CaseEvent.getClassSchema();
    List<Schema> branches = new ArrayList<>(old.getField("payload").schema().getTypes());
    branches.add(
        SchemaBuilder.record("Escalated")
            .namespace("vn.onestop.schema")
            .fields()
            .requiredString("note")
            .endRecord());
    List<Schema.Field> fields =
        old.getFields().stream()
            .map(
                f ->
                    new Schema.Field(
                        f.name(),
                        f.name().equals("payload") ? Schema.createUnion(branches) : f.schema(),
                        f.doc(),
                        f.defaultVal()))
            .toList();
    return Schema.createRecord(old.getName(), old.getDoc(), old.getNamespace(), false, fields);
  }
}
