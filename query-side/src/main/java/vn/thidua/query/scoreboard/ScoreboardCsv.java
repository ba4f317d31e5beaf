package vn.thidua.query.scoreboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The scoreboard as CSV for spreadsheets: UTF-8 with a byte-order mark so that Excel keeps the diacritics, RFC 4180
 * quoting, CRLF line ends.
 */
public final class ScoreboardCsv {

    static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final String HEADER = "rank,unitId,unitName,pledgeSigned,reportFiled,reportLate,selfScore,"
            + "assessedScore,finalScore,award";

    private ScoreboardCsv() {
    }

    public static String write(ScoreboardView view) {
        StringBuilder csv = new StringBuilder(BYTE_ORDER_MARK).append(HEADER).append("\r\n");
        for (ScoreboardView.RowView row : view.rows()) {
            csv.append(Stream.of(row.rank(), row.unitId(), row.unitName(), row.pledgeSigned(), row.reportFiled(),
                            row.reportLate(), row.selfScore(), row.assessedScore(), row.finalScore(), row.award())
                    .map(ScoreboardCsv::field)
                    .collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
        boolean needsQuotes = List.of(",", "\"", "\r", "\n").stream().anyMatch(text::contains);
        return needsQuotes ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
