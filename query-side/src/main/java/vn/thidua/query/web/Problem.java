package vn.thidua.query.web;

import java.util.Locale;

/** Every answer of the query side that is not the data asked for, with its code, status and words in vi and en. */
public enum Problem {
    CLUSTER_NOT_FOUND(404, "Không tìm thấy cụm thi đua %s.", "Emulation cluster %s does not exist."),
    YEAR_NOT_FOUND(404, "Cụm %s chưa phát động thi đua năm %s (tại thời điểm được hỏi).",
            "Cluster %s had not opened the emulation year %s (at the time asked for)."),
    UNIT_NOT_FOUND(404, "Không tìm thấy đơn vị %s.", "Unit %s is not known."),
    PROJECTION_NOT_FOUND(404, "Không có mô hình đọc tên %s.", "There is no read model named %s."),
    READ_MODEL_BEHIND(503, "Dữ liệu %s chưa cập nhật tới vị trí %s của kho sự kiện; vui lòng thử lại.",
            "The %s read model has not yet caught up with position %s of the event store; please retry."),
    STORE_UNAVAILABLE(503, "Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau.",
            "The database is unavailable; please retry shortly."),
    EVENT_NOT_SEALED(404, "Sự kiện %s chưa được niêm phong vào sổ cái (hoặc không tồn tại).",
            "Event %s is not sealed into the ledger (yet), or does not exist."),
    EVENT_NOT_YET_WITNESSED(503, "Sự kiện %s đã được niêm phong nhưng điểm kiểm tra chứa nó chưa được đủ nhân chứng ký"
            + " xác nhận; vui lòng thử lại sau giây lát.",
            "Event %s is sealed, but no checkpoint that covers it is cosigned by the witness quorum yet; please retry"
                    + " shortly."),
    LEDGER_NOT_STARTED(503, "Sổ cái chưa có điểm kiểm tra nào được ký và được đủ số nhân chứng ký xác nhận;"
            + " vui lòng thử lại sau giây lát.",
            "The ledger has no checkpoint signed and cosigned by the witness quorum yet; please retry shortly."),
    TREE_SIZE_INVALID(400, "Kích thước cây %s không hợp lệ: sổ cái hiện có %s lá.",
            "Tree size %s is not valid: the ledger has %s leaves."),
    NOT_YOUR_UNIT(403, "Cán bộ đơn vị chỉ được xem biên nhận và văn bản của đơn vị mình.",
            "A unit officer may fetch its own unit's receipts and documents only."),
    EVIDENCE_NOT_FOUND(404, "Không có tệp minh chứng %s mà bạn được xem.",
            "There is no evidence file %s that you may read."),
    DOCUMENT_NOT_FOUND(404, "Không có loại văn bản %s.", "There is no document of kind %s."),
    CERTIFICATE_UNIT_MISSING(400, "Cần cho biết đơn vị (unit) của giấy xác nhận cần kiểm tra.",
            "A certificate's check needs the certificate's unit (unit)."),
    DOCUMENT_FONT_MISSING(503, "Máy chủ thiếu phông chữ để in văn bản (tìm trong %s); hãy cài gói fonts-liberation2.",
            "The server has no font to print documents with (looked in %s); install the fonts-liberation2 package."),
    NOT_YOUR_CLUSTER(403, "Bạn chỉ được xem hồ sơ của cụm mà bạn làm thư ký, không phải cụm %s.",
            "You may read the records of the cluster whose secretariat you are only, not of %s."),
    TOO_MANY_STREAMS(429, "Đã có %s luồng cập nhật trực tiếp đang mở %s; hãy đóng bớt rồi thử lại.",
            "%s live streams are open %s already; close one and retry."),
    REPLAY_REFUSED(409, "Không thể dựng lại %s lúc này: %s.", "The %s read model cannot be rebuilt now: %s.");

    private final int status;
    private final String vietnamese;
    private final String english;

    Problem(int status, String vietnamese, String english) {
        this.status = status;
        this.vietnamese = vietnamese;
        this.english = english;
    }

    public ProblemException raise(Object... particulars) {
        return new ProblemException(this, String.format(Locale.ROOT, vietnamese, particulars),
                String.format(Locale.ROOT, english, particulars));
    }

    public int status() {
        return status;
    }

    public String vietnamese() {
        return vietnamese;
    }

    public String english() {
        return english;
    }
}
