package vn.thidua.command.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/** Rows written into a workbook as a secretary types them: numbers as numbers, the rest as text. */
public final class Workbooks {

    private Workbooks() {
    }

    /** A new row after the sheet's last, a cell per value ({@code Double} a number, anything else its text). */
    public static Row row(Sheet sheet, Object... values) {
        Row row = sheet.createRow(sheet.getLastRowNum() + 1);
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Double number) {
                row.createCell(i).setCellValue(number);
            } else {
                row.createCell(i).setCellValue(String.valueOf(values[i]));
            }
        }
        return row;
    }

    public static byte[] bytes(Workbook workbook) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
