package vn.onestop.intake.core;

/**
 * One invalid field of a request, listed in a problem's {@code errors} member.
 *
 * @param field JSON pointer-like path of the field, e.g. {@code complainant.fullName} or {@code
 *     attachmentUrls[2]}
 * @param message what is wrong and what is expected
 */
public record FieldError(String field, String message) {}
