package vn.onestop.intake.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.javalin.http.Context;
import java.util.List;

/**
 * Writes GeoReport v2 responses. JSON: lists are top-level arrays ({@code [{...}]}). XML: a root
 * element with one child element per item, null fields as empty elements, and the declaration
 * {@code <?xml version="1.0" encoding="utf-8"?>}; served as {@code text/xml; charset=utf-8}.
 */
public final class Open311Writer {
  /** XML declaration required by the spec (encoding must be named). */
  public static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final XmlMapper XML = new XmlMapper();

  private Open311Writer() {}

  /**
   * @return a new empty JSON object for one item
   */
  public static ObjectNode item() {
    return JSON.createObjectNode();
  }

  /**
   * @param ctx response
   * @param status HTTP status
   * @param format JSON or XML
   * @param root XML root element, e.g. {@code services}
   * @param element XML item element, e.g. {@code service}
   * @param items the items
   */
  public static void list(
      Context ctx,
      int status,
      Open311Format format,
      String root,
      String element,
      List<ObjectNode> items) {
    if (format == Open311Format.JSON) {
      ArrayNode arr = JSON.createArrayNode();
      items.forEach(arr::add);
      send(ctx, status, format, arr.toString());
    } else {
      ObjectNode wrapper = JSON.createObjectNode();
      ArrayNode arr = wrapper.putArray(element);
      items.forEach(arr::add);
      send(ctx, status, format, xml(wrapper, root));
    }
  }

  /**
   * @param ctx response
   * @param status HTTP status
   * @param format JSON or XML
   * @param root XML root element
   * @param object the single object
   */
  public static void object(
      Context ctx, int status, Open311Format format, String root, ObjectNode object) {
    send(ctx, status, format, format == Open311Format.JSON ? object.toString() : xml(object, root));
  }

  /**
   * Renders an Open311 error list: {@code [{"code":403,"description":"…"}]} or {@code
   * <errors><error><code>403</code><description>…</description></error></errors>}.
   *
   * @param ctx response
   * @param status HTTP status
   * @param format JSON or XML
   * @param descriptions one description per error
   */
  public static void errors(
      Context ctx, int status, Open311Format format, List<String> descriptions) {
    List<ObjectNode> items =
        descriptions.stream().map(d -> item().put("code", status).put("description", d)).toList();
    list(ctx, status, format, "errors", "error", items);
  }

  private static String xml(JsonNode node, String root) {
    try {
      return XML_DECLARATION + XML.writer().withRootName(root).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write Open311 XML", e);
    }
  }

  private static void send(Context ctx, int status, Open311Format format, String body) {
    ctx.status(status);
    ctx.contentType(
        format == Open311Format.JSON
            ? "application/json; charset=utf-8"
            : "text/xml; charset=utf-8");
    ctx.result(body);
  }
}
