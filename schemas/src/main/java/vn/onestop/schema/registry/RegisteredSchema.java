package vn.onestop.schema.registry;

import org.apache.avro.Schema;

/**
 * A schema as registered under a subject.
 *
 * @param subject subject name, e.g. {@code case-events-value}
 * @param id global schema id (the 4 bytes after the magic byte in the wire format)
 * @param version version of the schema within the subject, starting at 1
 * @param schema the parsed Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {}
