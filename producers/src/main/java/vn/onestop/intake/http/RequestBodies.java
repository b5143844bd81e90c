package vn.onestop.intake.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.core.TextRules;

/**
 * Reads request bodies with a size limit (413), checks the content type (415) and parses strict
 * UTF-8 JSON (400 for malformed JSON, duplicate keys or invalid UTF-8).
 */
public final class RequestBodies {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Bytes of an over-large body read and dropped before the 413 is sent. */
  static final long DRAIN_LIMIT = 1 << 20;

  private final int maxBytes;

  /**
   * @param maxBytes largest body accepted
   */
  public RequestBodies(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * @param ctx the request
   * @param mediaType expected media type without parameters, e.g. {@code application/json}
   * @throws ProblemException 415 when the Content-Type differs or its charset is not UTF-8
   */
  public void requireContentType(Context ctx, String mediaType) {
    String ct = ctx.header("Content-Type");
    String base = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    boolean ok = base.equals(mediaType);
    if (ok && ct.contains(";")) {
      String params = ct.split(";", 2)[1].toLowerCase(Locale.ROOT).replace(" ", "");
      if (params.contains("charset=")
          && !params.contains("charset=utf-8")
          && !params.contains("charset=\"utf-8\"")) {
        ok = false;
      }
    }
    if (!ok) {
      throw Problem.of(
              415,
              "unsupported-media-type",
              "Unsupported Media Type",
              "Content-Type must be "
                  + mediaType
                  + " (UTF-8), got "
                  + (ct == null ? "none" : "'" + TextRules.preview(ct) + "'"))
          .toException();
    }
  }

  /**
   * @param ctx the request
   * @return the body bytes
   * @throws ProblemException 413 above the limit
   */
  public byte[] read(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      if (ctx.req().getContentLengthLong() > maxBytes) {
        throw tooLarge(in);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > maxBytes) {
          throw tooLarge(in);
        }
      }
      return out.toByteArray();
    } catch (ProblemException e) {
      throw e;
    } catch (RuntimeException e) {
      // Jetty ends a body slower than the minimum data rate or idle for too long this way.
      throw Problem.of(
              408, "request-timeout", "Request Timeout", "the request body arrived too slowly")
          .toException();
    } catch (IOException e) {
      throw Problem.of(
              400,
              "unreadable-body",
              "Unreadable request body",
              "could not read the body: " + e.getMessage())
          .toException();
    }
  }

  /**
   * @param body raw bytes
   * @return the parsed JSON
   * @throws ProblemException 400 for invalid UTF-8 or malformed JSON (with line and column)
   */
  public JsonNode parseJson(byte[] body) {
    String text = utf8(body);
    if (text.isBlank()) {
      throw Problem.invalid(
              List.of(new FieldError("$", "body is empty; a JSON object is required")))
          .toException();
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new Problem(
              "https://onestop.vn/problems/malformed-json",
              "Malformed JSON",
              400,
              "the body is not valid JSON" + where + ": " + e.getOriginalMessage(),
              List.of(new FieldError("$", "malformed JSON" + where)),
              java.util.Map.of())
          .toException();
    }
  }

  /**
   * @param body raw bytes
   * @return the text
   * @throws ProblemException 400 when the bytes are not valid UTF-8
   */
  public static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw Problem.invalid(List.of(new FieldError("$", "body is not valid UTF-8"))).toException();
    }
  }

  /**
   * Reads and drops up to {@value #DRAIN_LIMIT} more bytes first: a server that answers while the
   * client is still sending closes the connection under it, and the client sees a reset instead of
   * the 413. A larger body is cut off (the client may then see the reset).
   */
  private ProblemException tooLarge(InputStream in) {
    try {
      byte[] buf = new byte[8192];
      long left = DRAIN_LIMIT;
      int n;
      while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
    return tooLarge();
  }

  private ProblemException tooLarge() {
    return Problem.of(
            413,
            "content-too-large",
            "Content Too Large",
            "the request body exceeds the limit of " + maxBytes + " bytes")
        .toException();
  }
}
