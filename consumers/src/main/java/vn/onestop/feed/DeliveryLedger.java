package vn.onestop.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.onestop.schema.CaseAlert;

/**
 * One partition's delivery progress at one webhook receiver, and how it survives a restart in the
 * receiver's committed offset. Warnings held for working hours ({@link NoticeHours}) are set aside
 * while the records after them are delivered, so a breach never waits behind a held warning. The
 * committed offset is the first record not finished: the earliest held warning, else the next
 * record to read; the commit's metadata lists which records from there on were already finished
 * (sent, given up, or not for this receiver), so that after a restart the held warnings are read
 * again and held or sent, while what was already sent is not sent again.
 *
 * <p>Metadata: {@code h1 END O1,O2,...}, base 36: every offset in [committed, END) is finished
 * except O1, O2, ... (each given as its distance from the previous one, the first from the
 * committed offset). Empty when nothing after the committed offset is finished. At most {@link
 * #MAX_METADATA_CHARS} characters (the broker refuses more than {@code offset.metadata.max.bytes},
 * 4096 by default): with more held warnings than fit, END is cut at the first one left out, and the
 * records from there are handled again after a restart — held again, or sent again (at-least-once;
 * receivers de-duplicate by {@code X-OneStop-Alert-Id}).
 */
final class DeliveryLedger {
  static final int MAX_METADATA_CHARS = 3000;
  private static final String VERSION = "h1";

  /**
   * A warning waiting for working hours.
   *
   * @param offset its record's offset
   * @param alert the alert
   * @param releaseAt when it may be sent (UTC)
   */
  record Held(long offset, CaseAlert alert, Instant releaseAt) {}

  private long next;
  private final TreeMap<Long, Held> held = new TreeMap<>();
  private final long resumeEnd;
  private final TreeSet<Long> resumeUnfinished;

  private DeliveryLedger(long next, long resumeEnd, TreeSet<Long> resumeUnfinished) {
    this.next = next;
    this.resumeEnd = resumeEnd;
    this.resumeUnfinished = resumeUnfinished;
  }

  /**
   * @param committed the committed offset (where reading starts)
   * @param metadata the commit's metadata, or null
   * @return the ledger; metadata this class did not write counts as empty
   */
  static DeliveryLedger resume(long committed, String metadata) {
    TreeSet<Long> unfinished = new TreeSet<>();
    long end = committed;
    if (metadata != null && metadata.startsWith(VERSION + " ")) {
      try {
        String[] p = metadata.split(" ", -1);
        end = Long.parseLong(p[1], 36);
        long at = committed;
        if (p.length > 2 && !p[2].isEmpty()) {
          for (String d : p[2].split(",")) {
            at += Long.parseLong(d, 36);
            unfinished.add(at);
          }
        }
      } catch (RuntimeException e) {
        unfinished.clear();
        end = committed; // unreadable: handle everything from the committed offset again
      }
    }
    return new DeliveryLedger(committed, Math.max(end, committed), unfinished);
  }

  /**
   * @param offset a record read again after a restart
   * @return true if it was finished before the restart (skip it)
   */
  boolean finishedBefore(long offset) {
    return offset < resumeEnd && !resumeUnfinished.contains(offset);
  }

  /**
   * The record at {@code offset} is finished (sent, given up, skipped).
   *
   * @param offset its offset
   */
  void finished(long offset) {
    next = Math.max(next, offset + 1);
  }

  /**
   * The warning at {@code offset} waits for working hours.
   *
   * @param offset its offset
   * @param alert the alert
   * @param releaseAt when it may go
   */
  void hold(long offset, CaseAlert alert, Instant releaseAt) {
    held.put(offset, new Held(offset, alert, releaseAt));
    next = Math.max(next, offset + 1);
  }

  /**
   * A held warning was sent or given up.
   *
   * @param offset its offset
   */
  void release(long offset) {
    held.remove(offset);
  }

  /**
   * @param now the current instant
   * @return the held warnings whose time has come, by offset
   */
  List<Held> due(Instant now) {
    List<Held> out = new ArrayList<>();
    for (Held h : held.values()) {
      if (!h.releaseAt().isAfter(now)) {
        out.add(h);
      }
    }
    return out;
  }

  /**
   * @return the number of warnings held
   */
  int heldCount() {
    return held.size();
  }

  /**
   * @return the offset to commit: the earliest held warning, else the next record to read
   */
  long commitOffset() {
    return held.isEmpty() ? next : held.firstKey();
  }

  /**
   * @return the metadata to commit with {@link #commitOffset()}
   */
  String metadata() {
    long from = commitOffset();
    long end = Math.max(next, resumeEnd);
    TreeSet<Long> unfinished = new TreeSet<>(held.keySet());
    unfinished.addAll(resumeUnfinished.tailSet(next, true)); // not read again yet
    if (end <= from) {
      return "";
    }
    StringBuilder list = new StringBuilder();
    long prev = from;
    for (long o : Collections.unmodifiableSortedSet(unfinished)) {
      String d = Long.toString(o - prev, 36);
      if (VERSION.length() + 2 + Long.toString(end, 36).length() + list.length() + d.length() + 1
          > MAX_METADATA_CHARS) {
        end = o; // o and what follows are handled again after a restart
        break;
      }
      list.append(list.length() == 0 ? "" : ",").append(d);
      prev = o;
    }
    if (end <= from) {
      return "";
    }
    return VERSION + " " + Long.toString(end, 36) + " " + list;
  }
}
