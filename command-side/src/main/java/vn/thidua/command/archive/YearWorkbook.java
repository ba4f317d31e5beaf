package vn.thidua.command.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.thidua.command.leadership.ElectOfficer;
import vn.thidua.command.year.YearCommands.AssessReport;
import vn.thidua.command.year.YearCommands.CloseEmulationYear;
import vn.thidua.command.year.YearCommands.FileAnnualReport;
import vn.thidua.command.year.YearCommands.FinalizeRanking;
import vn.thidua.command.year.YearCommands.OpenEmulationYear;
import vn.thidua.command.year.YearCommands.ProposeCommendation;
import vn.thidua.command.year.YearCommands.SignPledge;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.leadership.Office;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Signatory;

/**
 * A year's record as clusters keep it in Excel: one sheet per kind of act, each row an act with the day it took place.
 * The template names every sheet and column (Vietnamese, as the secretariats write them; the instructions sheet says
 * each in English too); reading a workbook gives the year's acts in the order they took place, or the refusal of each
 * row that cannot be read, with its sheet, row and column. What the acts mean is judged by the cluster's rules when
 * they are recorded ({@link YearImport}).
 */
public final class YearWorkbook {

    /** A row read as a command, and the day it took place; {@code rank} orders acts of the same day. */
    public record Act(String sheet, int row, LocalDate occurredOn, int rank, Object command) {
    }

    /** A row that cannot be an act: its sheet, its row as the spreadsheet numbers it, a code and words. */
    public record RowRefusal(String sheet, int row, String code, Map<String, String> messages) {
    }

    public record Read(List<Act> acts, List<RowRefusal> refusals) {
    }

    /** A kind of act: its sheet, its columns, in order; criteria columns follow in the report and assessment sheets. */
    enum Kind {
        OPENING("Phát động", "opening of the year", "Ngày", "Hạn ký giao ước", "Hạn nộp báo cáo",
                "Điểm thưởng tối đa", "Điểm trừ tối đa"),
        CRITERIA("Tiêu chí", "the scoring table's criteria (with the opening)", "Mã tiêu chí", "Nhóm",
                "Nội dung", "Điểm tối đa"),
        TARGETS("Chỉ tiêu giao ước", "the pledge's targets (with the opening)", "Mã chỉ tiêu", "Nội dung"),
        SIGNATURES("Ký giao ước", "pledges signed", "Ngày", "Mã đơn vị", "Người ký", "Chức vụ"),
        REPORTS("Báo cáo", "annual reports: self-scores in one column per criterion id", "Ngày", "Mã đơn vị",
                "Tóm tắt", "Điểm thưởng", "Điểm trừ"),
        ASSESSMENTS("Thẩm định", "assessments: scores in one column per criterion id", "Ngày", "Mã đơn vị",
                "Điểm thưởng", "Điểm trừ", "Ghi chú"),
        RANKING("Xếp hạng", "the ranking finalized", "Ngày", "Ghi chú"),
        ELECTIONS("Bầu cử", "elections: office HEAD or DEPUTY", "Ngày", "Nhiệm kỳ", "Chức danh", "Mã đơn vị",
                "Số đại biểu", "Có mặt", "Đồng ý", "Không đồng ý", "Không hợp lệ", "Biên bản", "Lý do"),
        COMMENDATIONS("Khen thưởng", "award proposals: EMULATION_FLAG or CERTIFICATE_OF_MERIT", "Ngày",
                "Mã đơn vị", "Hình thức", "Số đại biểu", "Có mặt", "Đồng ý", "Không đồng ý", "Không hợp lệ",
                "Biên bản"),
        CLOSURE("Kết thúc", "the year closed", "Ngày", "Ghi chú");

        final String sheet;
        final String english;
        final List<String> columns;

        Kind(String sheet, String english, String... columns) {
            this.sheet = sheet;
            this.english = english;
            this.columns = List.of(columns);
        }
    }

    static final String INSTRUCTIONS = "Hướng dẫn";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{2,64}");
    private static final DataFormatter TEXT = new DataFormatter();

    private YearWorkbook() {
    }

    /** The empty workbook to fill in: every sheet with its header, the seed's criteria as example columns. */
    public static byte[] template() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet help = workbook.createSheet(INSTRUCTIONS);
            List<String> lines = List.of(
                    "Mỗi trang tính là một loại việc; mỗi dòng là một việc, với ngày diễn ra (YYYY-MM-DD hoặc ô ngày).",
                    "Each sheet is one kind of act; each row is one act, with the day it took place.",
                    "Trang Báo cáo và Thẩm định: sau các cột cố định, mỗi tiêu chí một cột, tiêu đề là mã tiêu chí.",
                    "Reports and assessments: after the fixed columns, one column per criterion, headed by its id.",
                    "Nhập thử (dryRun=true) liệt kê mọi dòng bị từ chối; nhập thật ghi tất cả hoặc không ghi gì.",
                    "A dry run lists every refused row; a real import records all the acts or none.");
            for (int i = 0; i < lines.size(); i++) {
                help.createRow(i).createCell(0).setCellValue(lines.get(i));
            }
            int line = lines.size() + 1;
            for (Kind kind : Kind.values()) {
                Row row = help.createRow(line++);
                row.createCell(0).setCellValue(kind.sheet);
                row.createCell(1).setCellValue(kind.english);
                Sheet sheet = workbook.createSheet(kind.sheet);
                Row header = sheet.createRow(0);
                List<String> columns = new ArrayList<>(kind.columns);
                if (kind == Kind.REPORTS || kind == Kind.ASSESSMENTS) {
                    columns.addAll(List.of("chuyen-mon", "phong-trao"));
                }
                for (int c = 0; c < columns.size(); c++) {
                    Cell cell = header.createCell(c);
                    cell.setCellValue(columns.get(c));
                    cell.setCellStyle(bold);
                    sheet.setColumnWidth(c, 18 * 256);
                }
                sheet.createFreezePane(0, 1);
            }
            help.setColumnWidth(0, 90 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The acts of {@code clusterId}'s {@code year} the workbook holds, in the order they took place (acts of one day
     * in the cycle's order: opened, signed, reported, assessed, ranked, elected, proposed, closed), or the rows it
     * cannot read; a file that is no workbook is one refusal.
     */
    public static Read read(byte[] content, String clusterId, int year) {
        List<Act> acts = new ArrayList<>();
        List<RowRefusal> refusals = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            new Reader(workbook, clusterId, year, acts, refusals).readAll();
        } catch (IOException | RuntimeException e) {
            refusals.add(new RowRefusal("", 0, "WORKBOOK_UNREADABLE", Map.of(
                    "vi", "Tệp không phải là một bảng tính Excel (.xlsx) đọc được.",
                    "en", "The file is not a readable Excel workbook (.xlsx).")));
            return new Read(List.of(), refusals);
        }
        acts.sort(Comparator.comparing(Act::occurredOn).thenComparingInt(Act::rank).thenComparing(Act::sheet)
                .thenComparingInt(Act::row));
        return new Read(acts, refusals);
    }

    /** Thrown for a cell that cannot be read; becomes the row's refusal. */
    private static final class CellRefused extends RuntimeException {
        private final String vietnamese;

        CellRefused(String vietnamese, String english) {
            super(english, null, false, false);
            this.vietnamese = vietnamese;
        }
    }

    private static final class Reader {
        private final Workbook workbook;
        private final String clusterId;
        private final int year;
        private final List<Act> acts;
        private final List<RowRefusal> refusals;

        Reader(Workbook workbook, String clusterId, int year, List<Act> acts, List<RowRefusal> refusals) {
            this.workbook = workbook;
            this.clusterId = clusterId;
            this.year = year;
            this.acts = acts;
            this.refusals = refusals;
        }

        void readAll() {
            readOpening();
            rows(Kind.SIGNATURES, (cells, row) -> new SignPledge(clusterId, year, cells.slug(1),
                    new Signatory(cells.text(2), cells.text(3))));
            rows(Kind.REPORTS, (cells, row) -> new FileAnnualReport(clusterId, year, cells.slug(1),
                    cells.text(2), cells.scores(5), cells.number(3), cells.number(4), List.of()));
            rows(Kind.ASSESSMENTS, (cells, row) -> new AssessReport(clusterId, year, decisionId(), cells.slug(1),
                    cells.scores(5), cells.number(2), cells.number(3), cells.optionalText(4)));
            rows(Kind.RANKING, (cells, row) -> new FinalizeRanking(clusterId, year, decisionId(),
                    cells.optionalText(1)));
            rows(Kind.ELECTIONS, (cells, row) -> new ElectOfficer(clusterId, decisionId(), cells.integer(1),
                    cells.choice(2, Office.class), cells.slug(3), cells.ballot(4), cells.text(9),
                    cells.optionalText(10)));
            rows(Kind.COMMENDATIONS, (cells, row) -> new ProposeCommendation(clusterId, year, decisionId(),
                    cells.slug(1), cells.choice(2, Award.class), cells.ballot(3), cells.text(8)));
            rows(Kind.CLOSURE, (cells, row) -> new CloseEmulationYear(clusterId, year, decisionId(),
                    cells.optionalText(1)));
        }

        /** The opening, if the workbook opens the year: its row, with the criteria and targets of their sheets. */
        private void readOpening() {
            List<Criterion> criteria = new ArrayList<>();
            rows(Kind.CRITERIA, (cells, row) -> {
                criteria.add(new Criterion(cells.slug(0), cells.text(1), cells.text(2), cells.number(3)));
                return null;
            });
            List<PledgeTarget> targets = new ArrayList<>();
            rows(Kind.TARGETS, (cells, row) -> {
                targets.add(new PledgeTarget(cells.slug(0), cells.text(1)));
                return null;
            });
            rows(Kind.OPENING, (cells, row) -> new OpenEmulationYear(clusterId, year, decisionId(),
                    new ScoringTable(List.copyOf(criteria), cells.number(3), cells.number(4)), List.copyOf(targets),
                    cells.date(1), cells.date(2)));
        }

        private interface RowReader {
            Object read(Cells cells, int row);
        }

        /** Each filled row of the kind's sheet (a missing sheet has none), as an act or a refusal. */
        private void rows(Kind kind, RowReader reader) {
            Sheet sheet = workbook.getSheet(kind.sheet);
            if (sheet == null) {
                return;
            }
            Row header = sheet.getRow(0);
            List<String> headers = new ArrayList<>();
            for (int c = 0; header != null && c < header.getLastCellNum(); c++) {
                headers.add(header.getCell(c) == null ? "" : TEXT.formatCellValue(header.getCell(c)).strip());
            }
            if (headers.size() < kind.columns.size() || !headers.subList(0, kind.columns.size()).equals(kind.columns)) {
                refusals.add(new RowRefusal(kind.sheet, 1, "SHEET_COLUMNS_UNEXPECTED", Map.of(
                        "vi", "Tiêu đề cột phải là: " + String.join(" | ", kind.columns),
                        "en", "The column headers must be: " + String.join(" | ", kind.columns))));
                return;
            }
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || blank(row, headers.size())) {
                    continue;
                }
                Cells cells = new Cells(kind, row, headers);
                try {
                    Object command = reader.read(cells, r + 1);
                    if (command != null) {
                        acts.add(new Act(kind.sheet, r + 1, kind.columns.get(0).equals("Ngày") ? cells.date(0)
                                : null, kind.ordinal(), command));
                    }
                } catch (CellRefused refused) {
                    refusals.add(new RowRefusal(kind.sheet, r + 1, "CELL_INVALID", Map.of(
                            "vi", refused.vietnamese, "en", refused.getMessage())));
                }
            }
        }

        private static boolean blank(Row row, int width) {
            for (int c = 0; c < width; c++) {
                Cell cell = row.getCell(c);
                if (cell != null && !TEXT.formatCellValue(cell).isBlank()) {
                    return false;
                }
            }
            return true;
        }

        private static String decisionId() {
            return UUID.randomUUID().toString();
        }
    }

    /** One row's cells, read as the column expects, each refusal naming the column. */
    private record Cells(Kind kind, Row row, List<String> headers) {

        private Cell cell(int column) {
            return row.getCell(column, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL);
        }

        private CellRefused refused(int column, String vietnamese, String english) {
            String name = headers.get(column);
            return new CellRefused("Cột \"" + name + "\": " + vietnamese, "Column \"" + name + "\": " + english);
        }

        String optionalText(int column) {
            Cell cell = cell(column);
            String text = cell == null ? "" : TEXT.formatCellValue(cell).strip();
            return text.isEmpty() ? null : text;
        }

        String text(int column) {
            String text = optionalText(column);
            if (text == null) {
                throw refused(column, "cần có nội dung.", "must not be empty.");
            }
            return text;
        }

        String slug(int column) {
            String text = text(column);
            if (!SLUG.matcher(text).matches()) {
                throw refused(column, "mã \"" + text + "\" chỉ gồm 2 đến 64 ký tự a-z, 0-9 và '-'.",
                        "the id \"" + text + "\" must be 2 to 64 characters of a-z, 0-9 and '-'.");
            }
            return text;
        }

        LocalDate date(int column) {
            Cell cell = cell(column);
            if (cell != null && cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate();
            }
            String text = text(column);
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw refused(column, "\"" + text + "\" không phải là ngày (YYYY-MM-DD).",
                        "\"" + text + "\" is not a date (YYYY-MM-DD).");
            }
        }

        BigDecimal number(int column) {
            Cell cell = cell(column);
            if (cell == null) {
                return BigDecimal.ZERO;
            }
            if (cell.getCellType() == CellType.NUMERIC) {
                return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros();
            }
            String text = TEXT.formatCellValue(cell).strip().replace(',', '.');
            try {
                return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw refused(column, "\"" + text + "\" không phải là số.", "\"" + text + "\" is not a number.");
            }
        }

        int integer(int column) {
            BigDecimal number = number(column);
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                throw refused(column, number + " không phải là số nguyên.", number + " is not a whole number.");
            }
        }

        <E extends Enum<E>> E choice(int column, Class<E> type) {
            String text = text(column);
            try {
                return Enum.valueOf(type, text.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
                throw refused(column, "\"" + text + "\" phải là một trong " + names + ".",
                        "\"" + text + "\" must be one of " + names + ".");
            }
        }

        Ballot ballot(int first) {
            return new Ballot(integer(first), integer(first + 1), integer(first + 2), integer(first + 3),
                    integer(first + 4));
        }

        /** The points in every criterion column after {@code first}, by the criterion id heading each. */
        Map<String, BigDecimal> scores(int first) {
            Map<String, BigDecimal> scores = new LinkedHashMap<>();
            for (int c = first; c < headers.size(); c++) {
                if (!headers.get(c).isEmpty() && cell(c) != null) {
                    scores.put(headers.get(c), number(c));
                }
            }
            if (scores.isEmpty()) {
                throw new CellRefused("Không có điểm cho tiêu chí nào.", "No criterion is given points.");
            }
            return scores;
        }
    }
}
