package vn.onestop.intake.open311;

import java.util.List;
import java.util.Optional;
import vn.onestop.schema.Category;

/**
 * The services offered on {@code GET /open311/v2/services}. All are {@code realtime} (POST returns
 * the case id at once) and have no extra attributes ({@code metadata=false}).
 *
 * @param services the services, in display order
 */
public record ServiceCatalog(List<ServiceType> services) {

  /**
   * Copies the list.
   *
   * @param services see the record component
   */
  public ServiceCatalog {
    services = List.copyOf(services);
  }

  /**
   * @param code service code
   * @return the service, if offered
   */
  public Optional<ServiceType> find(String code) {
    return services.stream().filter(s -> s.code().equals(code)).findFirst();
  }

  /**
   * @return the default catalog of petitions (phản ánh, kiến nghị) about one-stop counters
   */
  public static ServiceCatalog defaults() {
    return new ServiceCatalog(
        List.of(
            new ServiceType(
                "pa-nhung-nhieu",
                "Phản ánh nhũng nhiễu, gây phiền hà tại bộ phận một cửa",
                "Hành vi nhũng nhiễu, gây phiền hà, đòi hỏi thêm giấy tờ của cán bộ tiếp nhận hồ sơ",
                "mot-cua",
                "nhũng nhiễu,phiền hà,một cửa,harassment",
                Category.PHAN_ANH,
                "tiep-nhan"),
            new ServiceType(
                "pa-tre-han",
                "Phản ánh hồ sơ thủ tục hành chính trễ hẹn",
                "Hồ sơ giải quyết quá thời hạn trên phiếu hẹn",
                "mot-cua",
                "trễ hẹn,quá hạn,overdue",
                Category.PHAN_ANH,
                "tiep-nhan"),
            new ServiceType(
                "pa-ha-tang",
                "Phản ánh về hạ tầng đô thị",
                "Đèn đường, vỉa hè, rác thải, biển báo",
                "do-thi",
                "đèn đường,vỉa hè,rác,biển báo,street light,sidewalk",
                Category.PHAN_ANH,
                "tiep-nhan"),
            new ServiceType(
                "kn-quy-dinh",
                "Kiến nghị về quy định hành chính",
                "Kiến nghị sửa đổi, bổ sung quy định, thủ tục hành chính",
                "chinh-sach",
                "kiến nghị,quy định",
                Category.KIEN_NGHI,
                "tiep-nhan")));
  }
}
