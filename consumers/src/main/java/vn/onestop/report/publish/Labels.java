package vn.onestop.report.publish;

import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.DeadlineArithmetic;

/** Vietnamese labels and local-time formats of the published site (Asia/Ho_Chi_Minh). */
public final class Labels {
  private Labels() {}

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

  static final Map<String, String> CATEGORY =
      Map.of(
          "KHIEU_NAI", "Khiếu nại",
          "TO_CAO", "Tố cáo",
          "PHAN_ANH", "Phản ánh",
          "KIEN_NGHI", "Kiến nghị",
          "SERVICE_REQUEST", "Yêu cầu dịch vụ",
          "UNKNOWN", "Không rõ");

  static final Map<String, String> CHANNEL =
      Map.ofEntries(
          Map.entry("HOTLINE", "Đường dây nóng"),
          Map.entry("WEB", "Cổng thông tin điện tử"),
          Map.entry("MOBILE_APP", "Ứng dụng di động"),
          Map.entry("IN_PERSON", "Trực tiếp"),
          Map.entry("MAIL", "Bưu chính"),
          Map.entry("EMAIL", "Thư điện tử"),
          Map.entry("SOCIAL_MEDIA", "Mạng xã hội"),
          Map.entry("INTERNAL", "Nội bộ"),
          Map.entry("INTEGRATION", "Liên thông"),
          Map.entry("OTHER", "Khác"));

  /** Figure names of {@code UnitMonth.figures()} → label (splits are labelled apart). */
  static final Map<String, String> FIGURE =
      Map.ofEntries(
          Map.entry("received", "Tiếp nhận"),
          Map.entry("acceptedOnTime", "Thụ lý đúng hạn"),
          Map.entry("acceptedLate", "Thụ lý quá hạn"),
          Map.entry("resolvedBeforeDue", "Giải quyết trước hạn"),
          Map.entry("resolvedOnDueDay", "Giải quyết đúng hạn"),
          Map.entry("resolvedLate", "Giải quyết quá hạn"),
          Map.entry("overdueOpenAtMonthEnd", "Quá hạn chưa giải quyết cuối tháng"),
          Map.entry("escalationsLevel1", "Cảnh báo vượt hạn cấp 1 (thủ trưởng đơn vị)"),
          Map.entry("escalationsLevel2", "Cảnh báo cấp 2 (thủ trưởng cấp trên)"),
          Map.entry("escalationsLevel3", "Cảnh báo cấp 3 (cấp cao nhất)"),
          Map.entry("extensions", "Quyết định gia hạn"),
          Map.entry("suspensions", "Tạm đình chỉ"),
          Map.entry("resumptions", "Tiếp tục giải quyết sau tạm đình chỉ"),
          Map.entry("transfersOut", "Chuyển đơn đi"),
          Map.entry("bouncedBack", "Chuyển trả lại đơn vị đã chuyển đến (A→B→A)"),
          Map.entry("ratings", "Lượt đánh giá mức độ hài lòng"));

  static String category(String c) {
    return CATEGORY.getOrDefault(c, c);
  }

  static String channel(String c) {
    return CHANNEL.getOrDefault(c, c);
  }

  static String figure(String name) {
    if (FIGURE.containsKey(name)) {
      return FIGURE.get(name);
    }
    String[] p = name.split("\\.");
    if (p.length == 3) {
      String what =
          switch (p[2]) {
            case "received" -> "tiếp nhận";
            case "resolvedInTime" -> "giải quyết trước và đúng hạn";
            case "resolvedLate" -> "giải quyết quá hạn";
            default -> "quá hạn chưa giải quyết";
          };
      return (p[0].equals("category") ? category(p[1]) : channel(p[1])) + ": " + what;
    }
    return name;
  }

  /**
   * @param m a month
   * @return "tháng 01/2026"
   */
  static String month(YearMonth m) {
    return String.format("tháng %02d/%d", m.getMonthValue(), m.getYear());
  }

  /**
   * @param t an instant
   * @return local time "HH:mm dd/MM/yyyy"
   */
  public static String time(Instant t) {
    return TIME.format(t.atZone(Calendars.ZONE));
  }

  /**
   * A due instant: "hết ngày D" when it is 24:00 of a day (a day-based period), else the local
   * time.
   *
   * @param due an instant, or null
   * @return the text ("không có thời hạn đang chạy" for null)
   */
  public static String due(Instant due) {
    if (due == null) {
      return "không có thời hạn đang chạy";
    }
    ZonedDateTime z = due.atZone(Calendars.ZONE);
    if (z.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      return "hết ngày " + DAY.format(DeadlineArithmetic.dayOf(due));
    }
    return time(due);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /**
   * @param id an official or unit id
   * @return a file-name-safe form: the id itself when it is ASCII letters, digits, '.', '_', '-'
   *     (not starting with '.'), else "h-" and 16 hex digits of its SHA-256
   */
  static String fileId(String id) {
    if (id.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}")) {
      return id;
    }
    return "h-" + ScorecardJson.sha256(ScorecardJson.utf8(id)).substring(0, 16);
  }
}
