package vn.thidua.command.rules;

/**
 * Every rule of the yearly cycle a command can break, with its stable code, its HTTP status and the words a secretary
 * reads, in Vietnamese and English. A rule is found by its name; {@link #refuse(Object...)} fills in the particulars.
 * Refusals that are not the cluster's rules (access, concurrency, the store) are {@code RequestRefusal}s.
 */
public enum Rule implements RefusalCode {
    CLUSTER_NOT_FOUND(404,
            "Không tìm thấy cụm thi đua %s.",
            "Emulation cluster %s does not exist."),
    YEAR_NOT_FOUND(404,
            "Cụm %s chưa phát động thi đua năm %s.",
            "Cluster %s has not opened the emulation year %s."),
    UNIT_NOT_FOUND(404,
            "Không tìm thấy đơn vị %s trong cụm.",
            "Unit %s is not known in this cluster."),
    DECISION_NOT_FOUND(404,
            "Không tìm thấy quyết định %s của cụm.",
            "Decision %s does not exist in this cluster."),

    CLUSTER_EXISTS(409,
            "Cụm thi đua %s đã được thành lập.",
            "Emulation cluster %s has already been formed."),
    DUPLICATE_UNIT(400,
            "Đơn vị %s được kê khai hơn một lần.",
            "Unit %s is listed more than once."),
    RULES_IMPROPER(400,
            "Túc số phải là phân số không lớn hơn 1 và tỷ lệ biểu quyết là phân số nhỏ hơn 1.",
            "The quorum must be a fraction no greater than 1 and the majority a fraction below 1."),
    AMENDMENT_REASON_MISSING(400,
            "Sửa đổi báo cáo phải nêu lý do.",
            "An amended report must state the reason for the amendment."),
    ALREADY_A_MEMBER(409,
            "Đơn vị %s đã là thành viên của cụm.",
            "Unit %s is already a member of the cluster."),
    NOT_A_MEMBER(409,
            "Đơn vị %s không phải là thành viên của cụm.",
            "Unit %s is not a member of the cluster."),
    UNIT_MERGED(409,
            "Đơn vị %s đã được hợp nhất vào đơn vị khác; hãy dùng đơn vị kế thừa.",
            "Unit %s was merged into another unit; use its successor."),
    MERGER_TOO_SMALL(409,
            "Hợp nhất cần ít nhất hai đơn vị thành viên.",
            "A merger needs at least two member units."),

    YEAR_ALREADY_OPENED(409,
            "Năm thi đua %s của cụm đã được phát động.",
            "Emulation year %s has already been opened for this cluster."),
    NO_MEMBERS(409,
            "Cụm không còn thành viên nào để tham gia năm thi đua.",
            "The cluster has no members to take part in the year."),
    DUPLICATE_CRITERION(400,
            "Tiêu chí %s xuất hiện hơn một lần trong bảng điểm.",
            "Criterion %s appears more than once in the scoring table."),
    YEAR_CLOSED(409,
            "Năm thi đua %s đã kết thúc; hồ sơ không thể thay đổi.",
            "Emulation year %s is closed; its record can no longer change."),

    ALREADY_SIGNED(409,
            "Đơn vị %s đã ký giao ước thi đua năm nay.",
            "Unit %s has already signed this year's pledge."),
    REPORT_ALREADY_FILED(409,
            "Đơn vị %s đã nộp báo cáo; hãy dùng chức năng sửa đổi báo cáo.",
            "Unit %s has already filed its report; amend it instead."),
    REPORT_NOT_FILED(409,
            "Đơn vị %s chưa nộp báo cáo tổng kết.",
            "Unit %s has not filed its annual report."),
    UNKNOWN_CRITERION(409,
            "Tiêu chí %s không có trong bảng điểm của năm.",
            "Criterion %s is not in this year's scoring table."),
    SCORES_INCOMPLETE(409,
            "Thiếu điểm cho tiêu chí %s.",
            "No points are given for criterion %s."),
    SCORE_OUT_OF_RANGE(409,
            "Điểm tiêu chí %s là %s, ngoài khoảng cho phép từ 0 đến %s.",
            "Criterion %s is given %s points, outside the allowed 0 to %s."),
    BONUS_ABOVE_CAP(409,
            "Điểm thưởng %s vượt mức tối đa %s.",
            "Bonus points %s exceed the cap of %s."),
    PENALTY_ABOVE_CAP(409,
            "Điểm trừ %s vượt mức tối đa %s.",
            "Penalty points %s exceed the cap of %s."),
    RANKING_FINALIZED(409,
            "Kết quả xếp hạng năm %s đã được chốt; không thể thay đổi báo cáo hay điểm.",
            "The %s ranking is final; reports and scores can no longer change."),
    RANKING_NOT_FINALIZED(409,
            "Chưa chốt kết quả xếp hạng năm %s.",
            "The %s ranking has not been finalized yet."),
    NO_REPORTS(409,
            "Chưa có đơn vị nào nộp báo cáo, không thể xếp hạng.",
            "No unit has filed a report yet, so there is nothing to rank."),

    BALLOT_INCONSISTENT(409,
            "Biên bản kiểm phiếu không hợp lệ: %s.",
            "The ballot tally does not add up: %s."),
    ELIGIBLE_VOTERS_MISMATCH(409,
            "Số đại biểu được bầu (%s) phải bằng số đơn vị thành viên (%s).",
            "Eligible voters (%s) must equal the number of member units (%s)."),
    QUORUM_NOT_MET(409,
            "Không đủ số đại biểu: có mặt %s trên %s, cần ít nhất %s/%s.",
            "Quorum not met: %s of %s present, at least %s/%s required."),
    MAJORITY_NOT_REACHED(409,
            "Số phiếu đồng ý (%s) chưa quá %s/%s số đại biểu có mặt (%s).",
            "Votes for (%s) are not more than %s/%s of those present (%s)."),
    ROTATION_BROKEN(409,
            "Đơn vị %s đã làm Cụm trưởng nhiệm kỳ %s; Cụm trưởng phải luân phiên.",
            "Unit %s was cluster head for %s; the head must rotate."),
    OFFICE_ALREADY_FILLED(409,
            "Chức danh %s nhiệm kỳ %s đã có đơn vị %s đảm nhiệm; cần hủy quyết định cũ trước khi bầu lại.",
            "The %s office for %s is held by %s; rescind that decision before electing again."),
    HEAD_AND_DEPUTY_SAME_UNIT(409,
            "Đơn vị %s không thể vừa là Cụm trưởng vừa là Cụm phó nhiệm kỳ %s.",
            "Unit %s cannot be both head and deputy for %s."),

    UNIT_NOT_RANKED(409,
            "Đơn vị %s không có thứ hạng năm nay nên không thể được đề nghị khen thưởng.",
            "Unit %s has no rank this year and cannot be proposed for an award."),
    PLEDGE_NOT_SIGNED(409,
            "Đơn vị %s chưa ký giao ước thi đua nên không thể được đề nghị khen thưởng.",
            "Unit %s did not sign the pledge and cannot be proposed for an award."),
    ALREADY_PROPOSED(409,
            "Đơn vị %s đã được đề nghị khen thưởng năm nay.",
            "Unit %s has already been proposed for an award this year."),
    FLAG_QUOTA_EXCEEDED(409,
            "Đã đề nghị đủ %s Cờ thi đua (tối đa %s%% số đơn vị được xếp hạng).",
            "The %s emulation flags allowed (at most %s%% of ranked units) have been proposed."),

    NOT_RESCINDABLE(409,
            "Quyết định loại %s không thể hủy; hãy ra quyết định mới thay thế.",
            "A decision of type %s cannot be rescinded; record a new decision instead."),
    ALREADY_RESCINDED(409,
            "Quyết định %s đã bị hủy trước đó.",
            "Decision %s has already been rescinded."),
    COMMENDATIONS_EXIST(409,
            "Còn đề nghị khen thưởng dựa trên kết quả xếp hạng này; hãy hủy chúng trước.",
            "Award proposals rest on this ranking; rescind them first.");


    private final int status;
    private final String vietnamese;
    private final String english;

    Rule(int status, String vietnamese, String english) {
        this.status = status;
        this.vietnamese = vietnamese;
        this.english = english;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String vietnamese() {
        return vietnamese;
    }

    @Override
    public String english() {
        return english;
    }
}
