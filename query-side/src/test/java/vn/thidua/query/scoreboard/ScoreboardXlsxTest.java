package vn.thidua.query.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.Scorecard;

/**
 * The workbook read back with the library that wrote it: Vietnamese headers with their diacritics, a column per
 * criterion self-scored and assessed, numbers as numeric cells, the header frozen and filtered, and a unit name that
 * looks like a formula kept as plain text.
 */
class ScoreboardXlsxTest {

    @Test
    void aScoreboardRoundTripsWithACellPerCriterionAndNumbersAsNumbers() throws Exception {
        Scoreboard board = new Scoreboard("cum-2", 2017);
        board.status = Scoreboard.Status.RANKED;
        board.criteria = List.of(new Criterion("chuyen-mon", "I", "Công tác chuyên môn", new BigDecimal("60")),
                new Criterion("phong-trao", "II", "Phong trào thi đua", new BigDecimal("40")));
        Scoreboard.Row bacGiang = new Scoreboard.Row("btc-bac-giang", "Ban Tổ chức Tỉnh ủy Bắc Giang");
        bacGiang.pledgeSigned = true;
        bacGiang.reportFiled = true;
        bacGiang.selfScorecard = new Scorecard(Map.of("chuyen-mon", new BigDecimal("55.5"), "phong-trao",
                new BigDecimal("35")), new BigDecimal("2"), BigDecimal.ZERO, new BigDecimal("92.5"));
        bacGiang.selfScore = new BigDecimal("92.5");
        bacGiang.assessedScorecard = new Scorecard(Map.of("chuyen-mon", new BigDecimal("54"), "phong-trao",
                new BigDecimal("34")), new BigDecimal("2"), new BigDecimal("1"), new BigDecimal("89"));
        bacGiang.assessedScore = new BigDecimal("89");
        bacGiang.rank = 1;
        bacGiang.rankedScore = new BigDecimal("89");
        board.rows.add(bacGiang);
        board.rows.add(new Scoreboard.Row("btc-mau", "=HYPERLINK(\"http://x.invalid\",\"A\")"));

        byte[] bytes = ScoreboardXlsx.write(board, ScoreboardView.of(board, Instant.EPOCH), Locale.forLanguageTag("vi"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet sheet = workbook.getSheet("Bảng xếp hạng");
            Row header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Hạng");
            assertThat(header.getCell(6).getStringCellValue())
                    .isEqualTo("chuyen-mon · Công tác chuyên môn (60) — tự chấm");
            assertThat(header.getCell(7).getStringCellValue()).endsWith("— thẩm định");
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(1);
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("Ban Tổ chức Tỉnh ủy Bắc Giang");
            assertThat(first.getCell(6).getNumericCellValue()).isEqualTo(55.5);
            assertThat(first.getCell(7).getNumericCellValue()).isEqualTo(54);
            assertThat(first.getCell(13).getNumericCellValue()).as("penalty assessed").isEqualTo(1);
            Row second = sheet.getRow(2);
            assertThat(second.getCell(2).getCellType()).as("text, never a formula").isEqualTo(CellType.STRING);
            assertThat(second.getCell(6)).as("no report: an empty cell").isNull();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).startsWith("A1:");
        }
        byte[] english = ScoreboardXlsx.write(board, ScoreboardView.of(board, Instant.EPOCH), Locale.ENGLISH);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(english))) {
            assertThat(workbook.getSheet("Scoreboard").getRow(0).getCell(7).getStringCellValue()).endsWith("— assessed");
        }
    }
}
