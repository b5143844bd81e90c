// Interop check with Confluent's official JavaScript Schema Registry client
// (@confluentinc/schemaregistry, which encodes Avro with avsc). Driven by JsInteropIT.
//
// Usage: node interop.mjs <registryUrl> <topic> <decode|encode>
//
// Reads stdin line by line (UTF-8); writes exactly one stdout line per input line, in order.
//   decode: each line is base64 of a Kafka value in the Confluent wire format (from our Java
//           serializer). The JS AvroDeserializer decodes it; the output line is JSON
//           {"schemaId": n, "avroJson": "<the record in the Avro JSON encoding>", "native": <the value as avsc holds it>}.
//   encode: each line is a record in the Avro JSON encoding (what Avro's Java JsonEncoder writes:
//           unions wrapped as {"branch full name": value}, null bare, longs as numbers, bytes as
//           ISO-8859-1 strings). The JS AvroSerializer encodes it against the LATEST schema of
//           subject <topic>-value (no auto-registration); the output line is base64 of the bytes.
//
// Representation (avsc 5.7, the client's default options): a union of several records (CaseEvent
// payload) is held WRAPPED, {"vn.onestop.schema.Submitted": {...}}; ["null", X] unions are held
// unwrapped (plain value or null); timestamp-millis has no registered logical type, so it is a plain
// JS number of milliseconds (exact below 2^53); bytes are Buffers. The Avro JSON encoding
// (avsc Type#toString / Type#fromString) is the spec's, so Java can parse it with JsonDecoder.
//
// Any failure: message on stderr, exit code 1.
import { createInterface } from 'node:readline';
import avro from 'avsc';
import {
  AvroDeserializer,
  AvroSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';

const [registryUrl, topic, mode] = process.argv.slice(2);
if (!registryUrl || !topic || !['decode', 'encode'].includes(mode)) {
  process.stderr.write('usage: node interop.mjs <registryUrl> <topic> <decode|encode>  (input lines on stdin)\n');
  process.exit(2);
}
const subject = `${topic}-value`;
const client = new SchemaRegistryClient({ baseURLs: [registryUrl], maxRetries: 1 });
const typeCache = new Map();

/** avsc type of a registry schema text, built with the same (default) options as the client's serde. */
function typeOf(schemaText) {
  let type = typeCache.get(schemaText);
  if (!type) {
    type = avro.Type.forSchema(JSON.parse(schemaText));
    typeCache.set(schemaText, type);
  }
  return type;
}

/** JSON.stringify replacer: Buffers as base64 (only used for the informative "native" view). */
function nativeReplacer(key, value) {
  if (value && value.type === 'Buffer' && Array.isArray(value.data)) {
    return { base64: Buffer.from(value.data).toString('base64') };
  }
  return value;
}

async function decode(line, deserializer) {
  const bytes = Buffer.from(line, 'base64');
  if (bytes.length < 5 || bytes[0] !== 0) {
    throw new Error(`not the Confluent wire format: ${bytes.length} bytes, first byte ${bytes[0]}`);
  }
  const schemaId = bytes.readInt32BE(1);
  const value = await deserializer.deserialize(topic, bytes);
  const info = await client.getBySubjectAndId(subject, schemaId);
  const avroJson = typeOf(info.schema).toString(value);
  return JSON.stringify({ schemaId, avroJson, native: JSON.parse(JSON.stringify(value, nativeReplacer)) });
}

async function encode(line, serializer) {
  const latest = await client.getLatestSchemaMetadata(subject);
  const value = typeOf(latest.schema).fromString(line);
  const bytes = await serializer.serialize(topic, value);
  return Buffer.from(bytes).toString('base64');
}

async function main() {
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: false, useLatestVersion: true });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    n++;
    try {
      const out = mode === 'decode' ? await decode(line, deserializer) : await encode(line, serializer);
      process.stdout.write(out + '\n');
    } catch (e) {
      throw new Error(`${mode} of input line ${n} failed: ${e && e.stack ? e.stack : e}`);
    }
  }
}

main().catch((e) => {
  process.stderr.write(`interop.mjs: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
