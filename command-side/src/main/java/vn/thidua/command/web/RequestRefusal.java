package vn.thidua.command.web;

import vn.thidua.command.rules.RefusalCode;

/**
 * Refusals that are not rules of the cluster but of the request: whom it may act for, the version it saw, the key it
 * reused, a race it lost, a store it could not reach. Same shape and answer as a {@code Rule}'s.
 */
public enum RequestRefusal implements RefusalCode {
    UNIT_MISMATCH(400,
            "Đơn vị trong nội dung (%s) khác đơn vị trên đường dẫn (%s).",
            "The unit in the body (%s) differs from the unit in the path (%s)."),
    NOT_YOUR_CLUSTER(403,
            "Bạn chỉ được thao tác cho cụm mà bạn làm thư ký, không phải cụm %s.",
            "You may act only for the cluster whose secretariat you are, not for %s."),
    NOT_YOUR_UNIT(403,
            "Bạn chỉ được thao tác cho đơn vị của mình, không phải đơn vị %s.",
            "You may act only for your own unit, not for %s."),
    IDEMPOTENCY_KEY_REUSED(409,
            "Khóa Idempotency-Key %s đã được dùng cho một yêu cầu khác.",
            "Idempotency-Key %s was already used for a different request."),
    IF_MATCH_NOT_APPLICABLE(400,
            "If-Match không áp dụng được: yêu cầu này không thay đổi một phiên bản nào mà bạn có thể đã xem (nó tạo"
                    + " mới, hoặc mang nhiều việc).",
            "If-Match cannot apply: this request changes no version you could have seen (it creates something new,"
                    + " or carries many acts)."),
    VERSION_STALE(412,
            "Dữ liệu đã thay đổi kể từ phiên bản %s mà bạn đã xem; hãy tải lại trước khi thao tác.",
            "The record has changed since version %s that you saw; reload it before acting."),
    CONCURRENT_CHANGE(409,
            "Dữ liệu vừa được thay đổi bởi một yêu cầu khác; vui lòng thử lại.",
            "Another request changed this record at the same time; please try again."),
    EVIDENCE_TOO_LARGE(413,
            "Tệp minh chứng vượt quá %s byte.",
            "The evidence file is over %s bytes."),
    WORKBOOK_TOO_LARGE(413,
            "Bảng tính vượt quá giới hạn kích thước tệp.",
            "The workbook is over the size limit for files."),
    IMPORT_REFUSED(409,
            "%s dòng của bảng tính bị từ chối (xem refusals); chưa có việc nào được ghi.",
            "%s row(s) of the workbook were refused (see refusals); nothing was recorded."),
    EVIDENCE_EMPTY(400,
            "Tệp minh chứng rỗng.",
            "The evidence file is empty."),
    EVIDENCE_MEDIA_TYPE_MISSING(400,
            "Cần cho biết kiểu nội dung của tệp (Content-Type).",
            "The file's media type (Content-Type) is needed."),
    CERTIFICATE_UNIT_MISSING(400,
            "Giấy xác nhận cần cho biết đơn vị (unitId).",
            "A certificate needs its unit (unitId)."),
    LEDGER_BEHIND(503,
            "Sổ cái chưa niêm phong hết các sự kiện của năm; văn bản chưa được ban hành, hãy thử lại sau ít giây.",
            "The ledger has not yet sealed all of the year's events; the document was not issued, try again shortly."),
    DOCUMENT_PRINTER_UNAVAILABLE(503,
            "Không in được văn bản (phía truy vấn %s không trả lời); văn bản chưa được ban hành.",
            "The document could not be printed (the query side %s did not answer); it was not issued."),
    STORE_UNAVAILABLE(503,
            "Kho sự kiện tạm thời không truy cập được; yêu cầu chưa được ghi nhận.",
            "The event store is unavailable; the request was not recorded.");

    private final RefusalCode.Words words;

    RequestRefusal(int status, String vietnamese, String english) {
        this.words = new RefusalCode.Words(status, vietnamese, english);
    }

    @Override
    public RefusalCode.Words words() {
        return words;
    }
}
