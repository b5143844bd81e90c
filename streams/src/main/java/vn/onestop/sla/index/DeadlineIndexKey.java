package vn.onestop.sla.index;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key of the deadline index: (due instant, case id), encoded so that unsigned lexicographic byte
 * order (the order of RocksDB and of Kafka's {@code Bytes}) equals chronological order, ties broken
 * by the case id's UTF-8 bytes (which is the case ids' code-point order).
 *
 * <p>Layout: 8 bytes big-endian epoch milliseconds (UTC) with the sign bit flipped, so instants
 * before 1970 sort before later ones (plain two's complement would put them last: KAFKA-8159),
 * followed by the case id in UTF-8. The time part has a fixed width, so a scan over a time range
 * never depends on prefix semantics (KAFKA-12289); ranges are byte-lexicographic (KAFKA-15527),
 * which is exactly the order defined here.
 *
 * <p>Precision is milliseconds: sub-millisecond parts of an instant are dropped by {@link #encode}.
 *
 * @param due the due instant (UTC), millisecond precision
 * @param caseId the case id, non-empty
 */
public record DeadlineIndexKey(Instant due, String caseId) implements Comparable<DeadlineIndexKey> {

  /** Width of the time part in bytes. */
  public static final int TIME_BYTES = Long.BYTES;

  /**
   * A byte that never occurs in UTF-8 (0xFF): appended to a time part it sorts after every key with
   * that time and before every key with a later time.
   */
  private static final byte AFTER_ANY_UTF8 = (byte) 0xFF;

  /**
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code caseId} is empty
   */
  public DeadlineIndexKey {
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(caseId, "caseId");
    if (caseId.isEmpty()) {
      throw new IllegalArgumentException("caseId of a deadline index key is empty");
    }
    due = Instant.ofEpochMilli(due.toEpochMilli());
  }

  /**
   * @return this key's bytes, see {@link #encode(Instant, String)}
   */
  public byte[] encode() {
    return encode(due, caseId);
  }

  /**
   * Encodes (due, caseId) order-preservingly.
   *
   * @param due due instant (UTC); truncated to milliseconds
   * @param caseId non-empty case id
   * @return 8 bytes of sign-flipped big-endian epoch millis, then the UTF-8 case id
   * @throws IllegalArgumentException if the case id is empty or not valid UTF-16 (lone surrogate)
   * @throws ArithmeticException if the instant does not fit in epoch milliseconds
   */
  public static byte[] encode(Instant due, String caseId) {
    Objects.requireNonNull(caseId, "caseId");
    if (caseId.isEmpty()) {
      throw new IllegalArgumentException("caseId of a deadline index key is empty");
    }
    byte[] id;
    try {
      // newEncoder() reports malformed input (lone surrogates) instead of writing '?'
      ByteBuffer bb = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(caseId));
      id = new byte[bb.remaining()];
      bb.get(id);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "caseId is not valid Unicode (lone surrogate): " + caseId, e);
    }
    return ByteBuffer.allocate(TIME_BYTES + id.length).put(timePart(due)).put(id).array();
  }

  /**
   * Decodes bytes written by {@link #encode}.
   *
   * @param bytes an encoded key
   * @return the key
   * @throws IllegalArgumentException if the bytes are shorter than 9 bytes or the id part is not
   *     UTF-8
   */
  public static DeadlineIndexKey decode(byte[] bytes) {
    if (bytes == null || bytes.length <= TIME_BYTES) {
      throw new IllegalArgumentException(
          "deadline index key must be more than "
              + TIME_BYTES
              + " bytes, got "
              + (bytes == null ? "null" : bytes.length));
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long millis = buf.getLong() ^ Long.MIN_VALUE;
    String id;
    try {
      id =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(buf)
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("case id part of a deadline index key is not UTF-8", e);
    }
    return new DeadlineIndexKey(Instant.ofEpochMilli(millis), id);
  }

  /**
   * The smallest byte string greater than or equal to the encoding of every key due at or before
   * {@code instant} and smaller than every key due after it: the time part followed by 0xFF, a byte
   * UTF-8 never uses. Use it as the inclusive upper end of a range scan ("everything due by then").
   *
   * @param instant inclusive upper instant (UTC); truncated to milliseconds
   * @return 9 bytes
   */
  public static byte[] upperBoundInclusive(Instant instant) {
    return ByteBuffer.allocate(TIME_BYTES + 1).put(timePart(instant)).put(AFTER_ANY_UTF8).array();
  }

  /**
   * The lower end of a scan over keys due at or after {@code instant}: the time part alone, which
   * sorts before every key with that time (case ids are never empty).
   *
   * @param instant inclusive lower instant (UTC); truncated to milliseconds
   * @return 8 bytes
   */
  public static byte[] lowerBoundInclusive(Instant instant) {
    return timePart(instant);
  }

  private static byte[] timePart(Instant instant) {
    return ByteBuffer.allocate(TIME_BYTES).putLong(instant.toEpochMilli() ^ Long.MIN_VALUE).array();
  }

  /** Chronological order, then case id in UTF-8 byte order (= code-point order). */
  @Override
  public int compareTo(DeadlineIndexKey o) {
    int c = due.compareTo(o.due);
    return c != 0
        ? c
        : compareUnsigned(
            caseId.getBytes(StandardCharsets.UTF_8), o.caseId.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Unsigned lexicographic comparison, the order of RocksDB's default comparator and of {@code
   * org.apache.kafka.common.utils.Bytes}.
   *
   * @param a first byte string
   * @param b second byte string
   * @return negative, zero or positive
   */
  public static int compareUnsigned(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }
}
