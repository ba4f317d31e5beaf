package vn.thidua.query.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import vn.thidua.events.year.Award;

class ScoreboardCsvTest {

    @Test
    void writesUtf8WithAByteOrderMarkAndRfc4180Quoting() {
        ScoreboardView view = new ScoreboardView("cum-2", 2017, Scoreboard.Status.RANKED, Instant.EPOCH, null, null, null,
                List.of(new ScoreboardView.RowView(1, "btc-bac-giang", "Ban Tổ chức Tỉnh ủy Bắc Giang", true, true,
                                false, new BigDecimal("90.50"), null, new BigDecimal("90.50"), Award.EMULATION_FLAG, null),
                        new ScoreboardView.RowView(null, "btc-x", "Ban \"Tổ chức\", Hà Nội", false, false, false,
                                null, null, null, null, null)));
        String csv = ScoreboardCsv.write(view, Locale.forLanguageTag("vi"));
        assertThat(ScoreboardCsv.write(view, Locale.ENGLISH)).startsWith("\uFEFFRank,Unit id,Unit name,");
        assertThat(csv.split("\r\n")).containsExactly(
                "\uFEFFHạng,Mã đơn vị,Tên đơn vị,Đã ký giao ước,Đã nộp báo cáo,Nộp muộn,Điểm tự chấm,Điểm thẩm định,"
                        + "Điểm cuối cùng,Khen thưởng",
                "1,btc-bac-giang,Ban Tổ chức Tỉnh ủy Bắc Giang,true,true,false,90.50,,90.50,EMULATION_FLAG",
                ",btc-x,\"Ban \"\"Tổ chức\"\", Hà Nội\",false,false,false,,,,");
    }

    /** OWASP, CSV injection: a name a spreadsheet would run as a formula opens as text; a negative score stays a number. */
    @Test
    void aTextThatLooksLikeAFormulaIsWrittenAfterAQuoteAndNumbersStayNumbers() {
        List<ScoreboardView.RowView> rows = new ArrayList<>();
        for (String name : List.of("=HYPERLINK(\"http://x.invalid\",\"A\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx")) {
            rows.add(new ScoreboardView.RowView(null, "btc-x", name, false, false, false, new BigDecimal("-1.5"), null,
                    null, null, null));
        }
        ScoreboardView view = new ScoreboardView("cum-2", 2017, Scoreboard.Status.OPEN, Instant.EPOCH, null, null,
                null, rows);
        List<String> lines = List.of(ScoreboardCsv.write(view, Locale.ENGLISH).split("\r\n"));
        assertThat(lines.get(1)).isEqualTo(",btc-x,\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"A\"\")\",false,false,false,"
                + "-1.5,,,");
        assertThat(lines.get(2)).startsWith(",btc-x,'+1,");
        assertThat(lines.get(3)).startsWith(",btc-x,'-2,");
        assertThat(lines.get(4)).startsWith(",btc-x,'@SUM(A1),");
        assertThat(lines.get(5)).startsWith(",btc-x,'\tx,");
    }
}
