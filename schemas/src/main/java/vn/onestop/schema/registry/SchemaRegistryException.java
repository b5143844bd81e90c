package vn.onestop.schema.registry;

/**
 * A schema-registry call failed. Subclasses name the cause; every message names the subject (or
 * schema id) involved so an operator can act on it.
 */
public class SchemaRegistryException extends RuntimeException {
  private final String subject;
  private final int httpStatus;
  private final int errorCode;

  /**
   * @param message human-readable message naming the subject or id
   * @param subject subject involved, or {@code null} when the call had none (e.g. get by id)
   * @param httpStatus HTTP status returned, or {@code -1} when the registry was not reached
   * @param errorCode Confluent error code from the body (e.g. 40401, 42201), or {@code -1}
   * @param cause underlying exception, may be {@code null}
   */
  public SchemaRegistryException(
      String message, String subject, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.subject = subject;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /**
   * @return the subject involved, or {@code null}
   */
  public String subject() {
    return subject;
  }

  /**
   * @return the HTTP status, or {@code -1} when the registry could not be reached
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * @return the Confluent error code of the response body, or {@code -1}
   */
  public int errorCode() {
    return errorCode;
  }

  /** The registry could not be reached (connection refused, timeout) or answered 5xx. */
  public static final class Unavailable extends SchemaRegistryException {
    /** See {@link SchemaRegistryException#SchemaRegistryException}. */
    public Unavailable(String message, String subject, int httpStatus, Throwable cause) {
      super(message, subject, httpStatus, -1, cause);
    }
  }

  /** No schema is registered under the given id (HTTP 404, error 40403). */
  public static final class UnknownSchemaId extends SchemaRegistryException {
    private final int schemaId;

    /**
     * @param schemaId the id that was asked for
     */
    public UnknownSchemaId(int schemaId, int httpStatus, int errorCode) {
      super("schema registry has no schema with id " + schemaId, null, httpStatus, errorCode, null);
      this.schemaId = schemaId;
    }

    /**
     * @return the unknown id
     */
    public int schemaId() {
      return schemaId;
    }
  }

  /**
   * The subject does not exist, or the schema is not registered under it (HTTP 404, 40401/40403).
   */
  public static final class NotFound extends SchemaRegistryException {
    /** See {@link SchemaRegistryException#SchemaRegistryException}. */
    public NotFound(String message, String subject, int httpStatus, int errorCode) {
      super(message, subject, httpStatus, errorCode, null);
    }
  }

  /** The schema breaks the subject's compatibility rule (HTTP 409). */
  public static final class Incompatible extends SchemaRegistryException {
    /** See {@link SchemaRegistryException#SchemaRegistryException}. */
    public Incompatible(String message, String subject, int httpStatus, int errorCode) {
      super(message, subject, httpStatus, errorCode, null);
    }
  }

  /** The registry refused the schema text as invalid (HTTP 422, error 42201). */
  public static final class InvalidSchema extends SchemaRegistryException {
    /** See {@link SchemaRegistryException#SchemaRegistryException}. */
    public InvalidSchema(String message, String subject, int httpStatus, int errorCode) {
      super(message, subject, httpStatus, errorCode, null);
    }
  }
}
