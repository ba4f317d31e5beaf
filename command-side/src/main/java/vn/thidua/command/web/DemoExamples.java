package vn.thidua.command.web;

/** Request bodies from the seed story (Cụm thi đua số 2, 2017-2018), the examples of the API document. */
public final class DemoExamples {

    public static final String FORM_CLUSTER = """
            {"clusterId": "cum-2", "name": "Cụm thi đua số 2", "sector": "Ngành Tổ chức xây dựng Đảng",
             "members": [{"unitId": "btc-bac-giang", "name": "Ban Tổ chức Tỉnh ủy Bắc Giang", "province": "Bắc Giang"},
                         {"unitId": "btc-hung-yen", "name": "Ban Tổ chức Tỉnh ủy Hưng Yên", "province": "Hưng Yên"},
                         {"unitId": "btc-hai-duong", "name": "Ban Tổ chức Tỉnh ủy Hải Dương", "province": "Hải Dương"}]}""";

    public static final String ADMIT = """
            {"unitId": "btc-thai-binh", "name": "Ban Tổ chức Tỉnh ủy Thái Bình", "province": "Thái Bình",
             "reason": "Theo quyết định của Hội đồng Thi đua - Khen thưởng"}""";

    public static final String OPEN_YEAR = """
            {"year": 2018,
             "scoringTable": {"criteria": [
                 {"criterionId": "chuyen-mon", "group": "Nhiệm vụ chuyên môn",
                  "title": "Tham mưu công tác tổ chức xây dựng Đảng", "maxPoints": 60},
                 {"criterionId": "phong-trao", "group": "Phong trào thi đua",
                  "title": "Tổ chức phong trào thi đua", "maxPoints": 40}],
               "maxBonus": 5, "maxPenalty": 5},
             "pledge": {"targets": [{"targetId": "hoan-thanh",
                                     "text": "Hoàn thành toàn diện, thắng lợi các nhiệm vụ được giao"}]},
             "pledgeDeadline": "2018-03-31", "reportDeadline": "2018-12-15"}""";

    public static final String SIGN = """
            {"unitId": "btc-bac-giang", "signatory": {"name": "Nguyễn Văn Hùng", "title": "Trưởng ban"}}""";

    public static final String REPORT = """
            {"unitId": "btc-bac-giang", "summary": "Hoàn thành toàn diện, thắng lợi các nhiệm vụ được giao",
             "selfScores": {"chuyen-mon": 58, "phong-trao": 35.5}, "bonusPoints": 1, "penaltyPoints": 0,
             "evidence": [{"title": "Báo cáo tổng kết năm",
                           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                           "uri": "https://vanban.example/btc-bac-giang.pdf"}]}""";

    public static final String ELECTION = """
            {"termYear": 2018, "office": "HEAD", "unitId": "btc-bac-giang",
             "ballot": {"eligibleVoters": 14, "votersPresent": 14, "votesFor": 13, "votesAgainst": 1, "invalid": 0},
             "minutesRef": "Biên bản số 01/BB-CTĐ2"}""";

    public static final String COMMENDATION = """
            {"unitId": "btc-bac-giang", "award": "EMULATION_FLAG", "minutesRef": "Biên bản số 02/BB-CTĐ2",
             "ballot": {"eligibleVoters": 14, "votersPresent": 14, "votesFor": 14, "votesAgainst": 0, "invalid": 0}}""";

    private DemoExamples() {
    }
}
