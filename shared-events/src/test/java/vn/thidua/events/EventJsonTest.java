package vn.thidua.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.cluster.FlagCap;
import vn.thidua.events.cluster.HeadSelection;
import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.ballot.MajorityBasis;
import vn.thidua.events.ballot.VoteRule;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.json.EventJson;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.DocumentKind;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.Evidence;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.Scorecard;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Signatory;
import vn.thidua.events.year.Standing;

class EventJsonTest {

    private static final JsonMapper MAPPER = EventJson.mapper();
    private static final String CLUSTER = "cum-2";
    private static final MemberUnit BAC_GIANG =
            new MemberUnit("btc-bac-giang", "Ban Tổ chức Tỉnh ủy Bắc Giang", "Bắc Giang");
    private static final Ballot BALLOT = new Ballot(14, 13, 12, 1, 0);
    private static final Scorecard SCORE = new Scorecard(new LinkedHashMap<>(Map.of("chuyen-mon",
            new BigDecimal("57.5"))), new BigDecimal("2"), new BigDecimal("0.5"), new BigDecimal("59.0"));
    private static final List<Evidence> EVIDENCE = List.of(new Evidence("Báo cáo tổng kết công tác năm 2017",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "https://so.example/bao-cao.pdf"));

    /** One of each event of the core set, with Vietnamese text wherever people write text. */
    static List<Object> everyEvent() {
        return List.of(
                new ClusterFormed(CLUSTER, "d-1", "Cụm thi đua số 2", "Ngành Tổ chức xây dựng Đảng",
                        List.of(BAC_GIANG), ClusterRules.defaults()),
                new UnitAdmitted(CLUSTER, "d-2", new MemberUnit("btc-ha-nam", "Ban Tổ chức Tỉnh ủy Hà Nam",
                        "Hà Nam"), "Theo quyết định của Hội đồng Thi đua - Khen thưởng"),
                new UnitWithdrawn(CLUSTER, "d-3", "btc-ha-nam", "Chuyển sang cụm khác"),
                new UnitsMerged(CLUSTER, "d-4", List.of("btc-bac-giang", "btc-bac-ninh"),
                        new MemberUnit("btc-bac-ninh", "Ban Tổ chức Tỉnh ủy Bắc Ninh", "Bắc Ninh"),
                        LocalDate.of(2025, 7, 1), "Sắp xếp, hợp nhất đơn vị hành chính cấp tỉnh"),
                new EmulationYearOpened(CLUSTER, 2018, "d-5", new ScoringTable(List.of(new Criterion("chuyen-mon",
                        "Nhiệm vụ chuyên môn", "Tham mưu công tác tổ chức xây dựng Đảng", new BigDecimal("60"))),
                        new BigDecimal("5"), new BigDecimal("5")),
                        List.of(new PledgeTarget("hoan-thanh", "Hoàn thành toàn diện, thắng lợi các nhiệm vụ")),
                        LocalDate.of(2018, 3, 31), LocalDate.of(2018, 12, 15), List.of(BAC_GIANG),
                        ClusterRules.defaults()),
                new PledgeSigned(CLUSTER, 2018, "btc-bac-giang", new Signatory("Nguyễn Văn Hùng", "Trưởng ban"),
                        false),
                new AnnualReportFiled(CLUSTER, 2017, "btc-bac-giang", "Hoàn thành xuất sắc nhiệm vụ", SCORE,
                        EVIDENCE, true),
                new AnnualReportAmended(CLUSTER, 2017, "btc-bac-giang", "Bổ sung minh chứng", SCORE, EVIDENCE,
                        "Thiếu biên bản hội nghị"),
                new ReportAssessed(CLUSTER, 2017, "d-6", "btc-bac-giang", SCORE, "Thẩm định chéo: đạt"),
                new ClusterHeadElected(CLUSTER, "d-7", 2018, "btc-bac-giang", BALLOT, "Biên bản số 01/BB-CTĐ"),
                new DeputyHeadElected(CLUSTER, "d-8", 2018, "btc-hung-yen", BALLOT, "Biên bản số 01/BB-CTĐ"),
                new RankingFinalized(CLUSTER, 2017, "d-9", List.of(new Standing(1, "btc-bac-giang",
                        new BigDecimal("59.0")), new Standing(null, "btc-ha-nam", null)), "Hội nghị tổng kết"),
                new CommendationProposed(CLUSTER, 2017, "d-10", "btc-bac-giang", Award.EMULATION_FLAG, BALLOT,
                        "Biên bản số 02/BB-CTĐ"),
                new DecisionRescinded(CLUSTER, 2017, "d-11", "d-10", "CommendationProposed", "Kiểm phiếu sai"),
                new EmulationYearClosed(CLUSTER, 2017, "d-12", "Khép lại năm thi đua 2017"),
                new DocumentIssued(CLUSTER, 2017, "d-19", DocumentKind.CERTIFICATE, "btc-bac-giang", 9, "GXN-CTĐ2",
                        "Bắc Giang", "ab".repeat(32), 120),
                new ParticipationEnded(CLUSTER, 2017, "btc-hung-yen", ParticipationEnded.Cause.MERGED,
                        "btc-bac-hung", null),
                new ParticipationBegan(CLUSTER, 2017, BAC_GIANG, ParticipationBegan.Cause.TRANSFERRED_IN, List.of(),
                        "cum-3"),
                new MemberAdmittedDuringYear(CLUSTER, 2017, BAC_GIANG),
                new ClusterRulesAmended(CLUSTER, "d-13", 2019, new ClusterRules(2, 3, 1, 2, true, 20,
                        HeadSelection.ROTATION, Map.of(BallotKind.EMULATION_FLAG,
                        new VoteRule(2, 3, MajorityBasis.PRESENT, 70, 100, false)), FlagCap.count(1)),
                        "Biên bản số 03/BB-HĐTĐKT", "Sửa đổi quy chế của cụm"),
                new UnitTransferredOut(CLUSTER, "d-14", "btc-ha-nam", "cum-3", "Sắp xếp lại cụm thi đua năm 2025"),
                new UnitTransferredIn(CLUSTER, "d-15", BAC_GIANG, "cum-3", "Sắp xếp lại cụm thi đua năm 2025"),
                new ClustersMerged(CLUSTER, "d-16", "cum-3", List.of(BAC_GIANG), "Hợp nhất cụm số 2 và số 3"),
                new ClusterDissolved(CLUSTER, "d-17", "cum-1", "Hợp nhất vào cụm số 1"),
                new RotationRosterSet(CLUSTER, "d-18", List.of("btc-hung-yen", "btc-bac-giang"),
                        "Thứ tự luân phiên theo quy chế của cụm"));
    }

    /** The decision log hashes a decision's JSON as written now: rules recorded before keep their bytes. */
    @Test
    void writesRulesWithoutTheFieldsTheyDoNotSet() {
        assertThat(MAPPER.writeValueAsString(ClusterRules.defaults())).isEqualTo("{\"quorumNumerator\":2,"
                + "\"quorumDenominator\":3,\"majorityNumerator\":1,\"majorityDenominator\":2,\"headRotation\":true,"
                + "\"flagQuotaPercent\":20,\"headSelection\":\"NOT_TWICE_RUNNING\"}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void roundTripsWithVietnameseTextIntact(Object event) {
        String json = MAPPER.writeValueAsString(event);
        assertThat(MAPPER.readValue(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void toleratesAFieldItDoesNotKnow(Object event) {
        ObjectNode json = (ObjectNode) MAPPER.valueToTree(event);
        json.put("addedByALaterRevision", "giá trị mới");
        assertThat(MAPPER.treeToValue(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void carriesARevisionAndTheClusterId(Object event) {
        assertThat(event.getClass().getAnnotation(Revision.class)).isNotNull();
        assertThat(MAPPER.valueToTree(event).get("clusterId").asString()).isEqualTo(CLUSTER);
    }

    @Test
    void writesDatesAndInstantsAsIsoStrings() {
        JsonNode opened = MAPPER.valueToTree(everyEvent().get(4));
        assertThat(opened.get("pledgeDeadline").isString()).isTrue();
        assertThat(opened.get("pledgeDeadline").asString()).isEqualTo("2018-03-31");
        assertThat(MAPPER.writeValueAsString(Instant.parse("2018-01-15T02:30:00Z")))
                .isEqualTo("\"2018-01-15T02:30:00Z\"");
    }

    @Test
    void keepsDecimalPointsExact() {
        JsonNode filed = MAPPER.valueToTree(everyEvent().get(6));
        assertThat(filed.at("/selfScore/scores/chuyen-mon").decimalValue()).isEqualByComparingTo("57.5");
        assertThat(MAPPER.writeValueAsString(everyEvent().get(6))).contains("\"total\":59.0");
    }
}
