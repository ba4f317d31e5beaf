package vn.thidua.query.scoreboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.thidua.events.year.Award;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.Scorecard;

/**
 * The scoreboard as an OOXML workbook, for the people who keep their records in Excel: a row per unit in rank order,
 * a column per criterion as the unit scored itself and as the cluster assessed it, bonus, penalty and totals; numbers
 * as numbers, the header frozen and filtered; Vietnamese headers, or English on request. Every text is a string cell,
 * never a formula, whatever it starts with.
 */
public final class ScoreboardXlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** A column: its headers and its value for a row (a number, a text, or null for an empty cell). */
    private record Column(String vi, String en, Function<Line, Object> value) {
    }

    /** A row of the workbook: the view's row and the scorecards behind it. */
    private record Line(ScoreboardView.RowView view, Scoreboard.Row board) {
    }

    private ScoreboardXlsx() {
    }

    public static byte[] write(Scoreboard board, ScoreboardView view, Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        List<Column> columns = columns(board.criteria, english);
        Map<String, Scoreboard.Row> rows = new HashMap<>();
        board.rows.forEach(row -> rows.put(row.unitId, row));
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(english ? "Scoreboard" : "Bảng xếp hạng");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            bold.setWrapText(true);
            Row header = sheet.createRow(0);
            for (int c = 0; c < columns.size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(english ? columns.get(c).en() : columns.get(c).vi());
                cell.setCellStyle(bold);
                sheet.setColumnWidth(c, (c == 2 ? 40 : 16) * 256);
            }
            int r = 1;
            for (ScoreboardView.RowView row : view.rows()) {
                Line line = new Line(row, rows.get(row.unitId()));
                Row cells = sheet.createRow(r++);
                for (int c = 0; c < columns.size(); c++) {
                    Object value = columns.get(c).value().apply(line);
                    if (value instanceof BigDecimal number) {
                        cells.createCell(c).setCellValue(number.doubleValue());
                    } else if (value instanceof Integer number) {
                        cells.createCell(c).setCellValue(number);
                    } else if (value != null) {
                        cells.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(1, r - 1), 0, columns.size() - 1));
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory workbook does not fail", e);
        }
    }

    private static List<Column> columns(List<Criterion> criteria, boolean english) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("Hạng", "Rank", line -> line.view().rank()),
                new Column("Mã đơn vị", "Unit id", line -> line.view().unitId()),
                new Column("Tên đơn vị", "Unit name", line -> line.view().unitName()),
                new Column("Đã ký giao ước", "Pledge signed", line -> yesNo(line.view().pledgeSigned(), english)),
                new Column("Đã nộp báo cáo", "Report filed", line -> yesNo(line.view().reportFiled(), english)),
                new Column("Nộp muộn", "Report late", line -> yesNo(line.view().reportLate(), english))));
        for (Criterion criterion : criteria) {
            String name = criterion.criterionId() + " · " + criterion.title() + " (" + criterion.maxPoints()
                    .stripTrailingZeros().toPlainString() + ")";
            columns.add(new Column(name + " — tự chấm", name + " — self",
                    line -> points(line.board() == null ? null : line.board().selfScorecard, criterion)));
            columns.add(new Column(name + " — thẩm định", name + " — assessed",
                    line -> points(line.board() == null ? null : line.board().assessedScorecard, criterion)));
        }
        columns.addAll(List.of(
                new Column("Điểm thưởng tự chấm", "Bonus (self)", line -> card(line, true, Scorecard::bonusPoints)),
                new Column("Điểm trừ tự chấm", "Penalty (self)", line -> card(line, true, Scorecard::penaltyPoints)),
                new Column("Điểm thưởng thẩm định", "Bonus (assessed)",
                        line -> card(line, false, Scorecard::bonusPoints)),
                new Column("Điểm trừ thẩm định", "Penalty (assessed)",
                        line -> card(line, false, Scorecard::penaltyPoints)),
                new Column("Điểm tự chấm", "Self score", line -> line.view().selfScore()),
                new Column("Điểm thẩm định", "Assessed score", line -> line.view().assessedScore()),
                new Column("Điểm cuối cùng", "Final score", line -> line.view().finalScore()),
                new Column("Khen thưởng", "Award", line -> award(line.view().award(), english))));
        return columns;
    }

    private static BigDecimal points(Scorecard card, Criterion criterion) {
        return card == null || card.scores() == null ? null : card.scores().get(criterion.criterionId());
    }

    private static BigDecimal card(Line line, boolean self, Function<Scorecard, BigDecimal> part) {
        Scorecard card = line.board() == null ? null
                : self ? line.board().selfScorecard : line.board().assessedScorecard;
        return card == null ? null : part.apply(card);
    }

    private static String yesNo(boolean value, boolean english) {
        return english ? (value ? "Yes" : "No") : (value ? "Có" : "Không");
    }

    private static String award(Award award, boolean english) {
        if (award == null) {
            return null;
        }
        return switch (award) {
            case EMULATION_FLAG -> english ? "Emulation flag" : "Cờ thi đua";
            case CERTIFICATE_OF_MERIT -> english ? "Certificate of merit" : "Bằng khen";
        };
    }
}
