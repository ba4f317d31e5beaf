package vn.thidua.events.year;

import java.util.Locale;

/** The documents a cluster issues, each made from the record of one year. */
public enum DocumentKind {
    /** Biên bản hội nghị tổng kết: the year-end review's minutes. */
    MINUTES,
    /** Tờ trình đề nghị khen thưởng: the award proposal to the council. */
    PROPOSAL,
    /** Giấy xác nhận kết quả thi đua: one unit's confirmed result. */
    CERTIFICATE;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
