package vn.thidua.query.scoreboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The scoreboard as CSV for spreadsheets: UTF-8 with a byte-order mark so that Excel keeps the diacritics, RFC 4180
 * quoting, CRLF line ends; column headers in Vietnamese, or English on request. A text that a spreadsheet would take
 * for a formula (starting with {@code = + - @}, a tab, a carriage return or a NUL, as OWASP lists them) is written
 * after a single quote, so that it opens as the text it is; numbers are written as numbers.
 */
public final class ScoreboardCsv {

    static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final String VIETNAMESE_HEADER = "Hạng,Mã đơn vị,Tên đơn vị,Đã ký giao ước,Đã nộp báo cáo,"
            + "Nộp muộn,Điểm tự chấm,Điểm thẩm định,Điểm cuối cùng,Khen thưởng";
    private static final String ENGLISH_HEADER = "Rank,Unit id,Unit name,Pledge signed,Report filed,Report late,"
            + "Self score,Assessed score,Final score,Award";

    private ScoreboardCsv() {
    }

    public static String write(ScoreboardView view, Locale locale) {
        String header = "en".equals(locale.getLanguage()) ? ENGLISH_HEADER : VIETNAMESE_HEADER;
        StringBuilder csv = new StringBuilder(BYTE_ORDER_MARK).append(header).append("\r\n");
        for (ScoreboardView.RowView row : view.rows()) {
            csv.append(Stream.of(row.rank(), row.unitId(), row.unitName(), row.pledgeSigned(), row.reportFiled(),
                            row.reportLate(), row.selfScore(), row.assessedScore(), row.finalScore(), row.award())
                    .map(ScoreboardCsv::field)
                    .collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private static final String FORMULA_TRIGGERS = "=+-@\t\r\0";

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : neutralised(value.toString());
        boolean needsQuotes = List.of(",", "\"", "\r", "\n").stream().anyMatch(text::contains);
        return needsQuotes ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String neutralised(String text) {
        return !text.isEmpty() && FORMULA_TRIGGERS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
