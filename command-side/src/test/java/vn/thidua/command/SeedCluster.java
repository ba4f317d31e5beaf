package vn.thidua.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.ScoringTable;

/** Emulation Cluster No. 2 of the seed story: the organisation boards of 14 provinces and cities. */
public final class SeedCluster {

    public static final String CLUSTER_ID = "cum-2";
    public static final String NAME = "Cụm thi đua số 2";
    public static final String SECTOR = "Ngành Tổ chức xây dựng Đảng";

    public static final List<MemberUnit> MEMBERS = List.of(
            board("btc-bac-giang", "Tỉnh ủy", "Bắc Giang"),
            board("btc-hung-yen", "Tỉnh ủy", "Hưng Yên"),
            board("btc-hai-duong", "Tỉnh ủy", "Hải Dương"),
            board("btc-quang-ninh", "Tỉnh ủy", "Quảng Ninh"),
            board("btc-lang-son", "Tỉnh ủy", "Lạng Sơn"),
            board("btc-nghe-an", "Tỉnh ủy", "Nghệ An"),
            board("btc-ninh-binh", "Tỉnh ủy", "Ninh Bình"),
            board("btc-thanh-hoa", "Tỉnh ủy", "Thanh Hóa"),
            board("btc-bac-ninh", "Tỉnh ủy", "Bắc Ninh"),
            board("btc-hai-phong", "Thành ủy", "Hải Phòng"),
            board("btc-ha-nam", "Tỉnh ủy", "Hà Nam"),
            board("btc-ha-tinh", "Tỉnh ủy", "Hà Tĩnh"),
            board("btc-nam-dinh", "Tỉnh ủy", "Nam Định"),
            board("btc-thai-binh", "Tỉnh ủy", "Thái Bình"));

    public static final String BAC_GIANG = "btc-bac-giang";

    /** Two criteria groups and their caps; illustrative, the article gives no scoring table. */
    public static final ScoringTable SCORING_TABLE = new ScoringTable(List.of(
            new Criterion("chuyen-mon", "Nhiệm vụ chuyên môn", "Công tác tổ chức xây dựng Đảng",
                    new BigDecimal("60")),
            new Criterion("phong-trao", "Phong trào thi đua", "Tổ chức phong trào thi đua", new BigDecimal("40"))),
            new BigDecimal("5"), new BigDecimal("5"));

    public static final List<PledgeTarget> PLEDGE = List.of(
            new PledgeTarget("hoan-thanh", "Hoàn thành toàn diện các nhiệm vụ được giao"));

    public static final ClusterRules RULES = ClusterRules.defaults();

    public static final LocalDate PLEDGE_DEADLINE_2017 = LocalDate.of(2017, 3, 31);
    public static final LocalDate REPORT_DEADLINE_2017 = LocalDate.of(2017, 12, 15);

    private SeedCluster() {
    }

    private static MemberUnit board(String unitId, String partyCommittee, String province) {
        return new MemberUnit(unitId, "Ban Tổ chức " + partyCommittee + " " + province, province);
    }

    public static List<String> unitIds() {
        return MEMBERS.stream().map(MemberUnit::unitId).toList();
    }
}
