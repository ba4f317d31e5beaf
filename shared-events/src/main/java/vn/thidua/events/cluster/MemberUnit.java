package vn.thidua.events.cluster;

/** A member unit (đơn vị thành viên), e.g. "Ban Tổ chức Tỉnh ủy Bắc Giang" of province "Bắc Giang". */
public record MemberUnit(String unitId, String name, String province) {
}
