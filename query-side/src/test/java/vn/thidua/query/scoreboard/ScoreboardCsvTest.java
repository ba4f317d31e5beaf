package vn.thidua.query.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import vn.thidua.events.year.Award;

class ScoreboardCsvTest {

    @Test
    void writesUtf8WithAByteOrderMarkAndRfc4180Quoting() {
        ScoreboardView view = new ScoreboardView("cum-2", 2017, Scoreboard.Status.RANKED, Instant.EPOCH, null, null, null,
                List.of(new ScoreboardView.RowView(1, "btc-bac-giang", "Ban Tổ chức Tỉnh ủy Bắc Giang", true, true,
                                false, new BigDecimal("90.50"), null, new BigDecimal("90.50"), Award.EMULATION_FLAG),
                        new ScoreboardView.RowView(null, "btc-x", "Ban \"Tổ chức\", Hà Nội", false, false, false,
                                null, null, null, null)));
        String csv = ScoreboardCsv.write(view, Locale.forLanguageTag("vi"));
        assertThat(ScoreboardCsv.write(view, Locale.ENGLISH)).startsWith("\uFEFFRank,Unit id,Unit name,");
        assertThat(csv.split("\r\n")).containsExactly(
                "\uFEFFHạng,Mã đơn vị,Tên đơn vị,Đã ký giao ước,Đã nộp báo cáo,Nộp muộn,Điểm tự chấm,Điểm thẩm định,"
                        + "Điểm cuối cùng,Khen thưởng",
                "1,btc-bac-giang,Ban Tổ chức Tỉnh ủy Bắc Giang,true,true,false,90.50,,90.50,EMULATION_FLAG",
                ",btc-x,\"Ban \"\"Tổ chức\"\", Hà Nội\",false,false,false,,,,");
    }
}
