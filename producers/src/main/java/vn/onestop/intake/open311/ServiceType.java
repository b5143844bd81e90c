package vn.onestop.intake.open311;

import vn.onestop.schema.Category;

/**
 * One Open311 service (request type) and where its requests go.
 *
 * @param code Open311 {@code service_code}
 * @param name {@code service_name}, UTF-8
 * @param description {@code description}
 * @param group {@code group}
 * @param keywords {@code keywords}, comma-separated
 * @param category legal category of cases created through it (PHAN_ANH or KIEN_NGHI: Open311 has no
 *     way to carry the identity a khiếu nại or tố cáo needs)
 * @param unitId handling unit of new requests
 */
public record ServiceType(
    String code,
    String name,
    String description,
    String group,
    String keywords,
    Category category,
    String unitId) {}
