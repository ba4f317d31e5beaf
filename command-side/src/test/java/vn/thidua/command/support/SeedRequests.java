package vn.thidua.command.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.thidua.command.SeedCluster;
import vn.thidua.events.cluster.MemberUnit;

/** The seed story as HTTP request bodies, exactly as a client of the command side sends them. */
public final class SeedRequests {

    private SeedRequests() {
    }

    public static Map<String, Object> formCluster() {
        return Map.of("clusterId", SeedCluster.CLUSTER_ID, "name", SeedCluster.NAME, "sector", SeedCluster.SECTOR,
                "members", SeedCluster.MEMBERS.stream().map(SeedRequests::unit).toList());
    }

    private static Map<String, Object> unit(MemberUnit unit) {
        return Map.of("unitId", unit.unitId(), "name", unit.name(), "province", unit.province());
    }

    public static Map<String, Object> openYear(int year) {
        return Map.of("year", year,
                "scoringTable", Map.of(
                        "criteria", SeedCluster.SCORING_TABLE.criteria().stream().map(c -> Map.of(
                                "criterionId", c.criterionId(), "group", c.group(), "title", c.title(),
                                "maxPoints", c.maxPoints())).toList(),
                        "maxBonus", SeedCluster.SCORING_TABLE.maxBonus(),
                        "maxPenalty", SeedCluster.SCORING_TABLE.maxPenalty()),
                "pledge", Map.of("targets", SeedCluster.PLEDGE.stream()
                        .map(t -> Map.of("targetId", t.targetId(), "text", t.text())).toList()),
                "pledgeDeadline", year + "-03-31",
                "reportDeadline", year + "-12-15");
    }

    public static Map<String, Object> signature(String unitId) {
        return Map.of("unitId", unitId, "signatory", Map.of("name", "Nguyễn Văn Hùng", "title", "Trưởng ban"));
    }

    public static Map<String, Object> report(String unitId, Object chuyenMon, Object phongTrao) {
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("chuyen-mon", chuyenMon);
        scores.put("phong-trao", phongTrao);
        return Map.of("unitId", unitId, "summary", "Hoàn thành toàn diện, thắng lợi các nhiệm vụ được giao",
                "selfScores", scores, "bonusPoints", 1, "penaltyPoints", 0,
                "evidence", List.of(Map.of("title", "Báo cáo tổng kết năm",
                        "sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "uri", "https://vanban.example/" + unitId + ".pdf")));
    }

    public static Map<String, Object> election(int termYear, String office, String unitId, int present,
                                               int votesFor) {
        return Map.of("termYear", termYear, "office", office, "unitId", unitId,
                "ballot", Map.of("eligibleVoters", 14, "votersPresent", present, "votesFor", votesFor,
                        "votesAgainst", present - votesFor, "invalid", 0),
                "minutesRef", "Biên bản số 01/BB-CTĐ2");
    }
}
