package vn.thidua.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.support.Workbooks.row;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import vn.thidua.command.archive.YearWorkbook;
import vn.thidua.command.support.Workbooks;

/**
 * The demo's past: Cụm thi đua số 2's 2015 and 2016 as the workbooks a secretariat keeps ({@code deploy/demo}),
 * which {@code load-demo.sh} imports before it enters 2017 live. The figures are ILLUSTRATIVE, as the workbooks say.
 * The workbooks kept are the ones written here ({@code -Dthidua.demo.write=true} writes them anew), and every row of
 * them reads as an act.
 */
class DemoPastYearsTest {

    /** The 14 boards in the order of the cluster's roster (load-demo.sh). */
    static final List<String> BOARDS = List.of("btc-bac-giang", "btc-hung-yen", "btc-hai-duong", "btc-quang-ninh",
            "btc-lang-son", "btc-nghe-an", "btc-ninh-binh", "btc-thanh-hoa", "btc-bac-ninh", "btc-hai-phong",
            "btc-ha-nam", "btc-ha-tinh", "btc-nam-dinh", "btc-thai-binh");
    private static final Path DEMO = ApiContractIT.REPOSITORY.resolve("deploy/demo");

    static Path workbookOf(int year) {
        return DEMO.resolve("cum-thi-dua-so-2-" + year + ".xlsx");
    }

    /**
     * One past year: opened in January, pledges in February, reports in December with illustrative points, the
     * year-end review (ranking, the next year's head, one flag), closed. Heads: Nam Định for 2016 (before the cluster
     * rotated its head, a reason recorded), Thái Bình for 2017, so that Bắc Giang, first on the roster, follows.
     */
    static byte[] pastYear(int year, String head, String headReason, String flagged) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(YearWorkbook.template()))) {
            row(workbook.getSheet("Hướng dẫn"), "SỐ LIỆU MINH HỌA · ILLUSTRATIVE FIGURES: Cụm thi đua số 2, năm " + year);
            row(workbook.getSheet("Tiêu chí"), "chuyen-mon", "Nhiệm vụ chuyên môn",
                    "Tham mưu công tác tổ chức xây dựng Đảng, xây dựng hệ thống chính trị", 60.0);
            row(workbook.getSheet("Tiêu chí"), "phong-trao", "Phong trào thi đua",
                    "Phát động, tổ chức thực hiện các phong trào thi đua", 40.0);
            row(workbook.getSheet("Chỉ tiêu giao ước"), "hoan-thanh",
                    "Hoàn thành toàn diện, thắng lợi các nhiệm vụ được giao");
            row(workbook.getSheet("Phát động"), year + "-01-10", year + "-03-31", year + "-12-15", 5.0, 5.0);
            for (int i = 0; i < BOARDS.size(); i++) {
                String unit = BOARDS.get(i);
                row(workbook.getSheet("Ký giao ước"), year + "-02-2" + (i % 5), unit, "Trưởng Ban Tổ chức",
                        "Trưởng ban");
                double chuyenMon = 50 + (i * 7 + year) % 9;
                double phongTrao = 32 + (i * 5 + year) % 7;
                row(workbook.getSheet("Báo cáo"), year + "-12-0" + (1 + i % 9), unit,
                        "Báo cáo tổng kết năm " + year + " (số liệu minh họa)", 0.0, 0.0, chuyenMon, phongTrao);
            }
            String review = year + "-12-28";
            row(workbook.getSheet("Xếp hạng"), review, "Hội nghị tổng kết công tác năm " + year + " (minh họa)");
            row(workbook.getSheet("Bầu cử"), review, (double) (year + 1), "HEAD", head, 14.0, 14.0, 13.0, 1.0, 0.0,
                    "Biên bản số 01/BB-CTĐ2 năm " + year + " (minh họa)", headReason);
            row(workbook.getSheet("Khen thưởng"), review, flagged, "EMULATION_FLAG", 14.0, 14.0, 13.0, 1.0, 0.0,
                    "Biên bản số 02/BB-CTĐ2 năm " + year + " (minh họa)");
            row(workbook.getSheet("Kết thúc"), review, "Khép lại năm thi đua " + year);
            return Workbooks.bytes(workbook);
        }
    }

    static byte[] demo2015() throws Exception {
        return pastYear(2015, "btc-nam-dinh", "Cụm chưa áp dụng luân phiên Cụm trưởng (minh họa)", "btc-hai-phong");
    }

    static byte[] demo2016() throws Exception {
        return pastYear(2016, "btc-thai-binh", "", "btc-quang-ninh");
    }


    /** Every cell as text, sheet by sheet: what a reader of the workbook sees. */
    private static List<String> cells(byte[] xlsx) throws Exception {
        List<String> cells = new ArrayList<>();
        DataFormatter text = new DataFormatter();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        cells.add(sheet.getSheetName() + "!" + cell.getAddress() + "=" + text.formatCellValue(cell));
                    }
                }
            }
        }
        return cells;
    }

    @Test
    void theDemosPastYearsAreTheWorkbooksWrittenHereAndEveryRowIsAnAct() throws Exception {
        for (int year : List.of(2015, 2016)) {
            byte[] written = year == 2015 ? demo2015() : demo2016();
            if (Boolean.getBoolean("thidua.demo.write")) {
                Files.write(workbookOf(year), written);
            }
            byte[] kept = Files.readAllBytes(workbookOf(year));
            assertThat(cells(kept)).as(workbookOf(year) + " (-Dthidua.demo.write=true after an intended change)")
                    .isEqualTo(cells(written));
            YearWorkbook.Read read = YearWorkbook.read(kept, "cum-2", year);
            assertThat(read.refusals()).isEmpty();
            assertThat(read.acts()).hasSize(1 + 2 * BOARDS.size() + 4);
        }
    }
}
