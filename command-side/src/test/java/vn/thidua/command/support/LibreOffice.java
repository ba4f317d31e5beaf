package vn.thidua.command.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's LibreOffice, headless, as another program that reads and writes our workbooks: a test that needs it is
 * skipped where it is not installed ({@code .ci/run} installs {@code libreoffice-calc-nogui}).
 */
public final class LibreOffice {

    private static final Path SOFFICE = Path.of("/usr/bin/soffice");

    private LibreOffice() {
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(SOFFICE), "LibreOffice (soffice) is not installed");
    }

    /** The workbook's first sheet as LibreOffice saves it in CSV, UTF-8. */
    public static String firstSheetAsCsv(byte[] xlsx) {
        return new String(convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", "csv"), StandardCharsets.UTF_8);
    }

    /** The workbook opened by LibreOffice and saved again as OOXML, as a secretary using it would hand it on. */
    public static byte[] savedAgain(byte[] xlsx) {
        return convert(xlsx, "xlsx:Calc MS Excel 2007 XML", "xlsx");
    }

    private static byte[] convert(byte[] xlsx, String filter, String extension) {
        assumeInstalled();
        try {
            Path folder = Files.createTempDirectory("libreoffice");
            Path in = folder.resolve("in").resolve("bang-tinh.xlsx");
            Files.createDirectories(in.getParent());
            Files.write(in, xlsx);
            Path out = folder.resolve("out");
            Process process = new ProcessBuilder(List.of(SOFFICE.toString(), "--headless", "--norestore",
                    "-env:UserInstallation=" + folder.resolve("profile").toUri(), "--convert-to", filter,
                    "--outdir", out.toString(), in.toString()))
                    .redirectErrorStream(true).redirectOutput(folder.resolve("soffice.log").toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("LibreOffice did not finish converting within 180 s");
            }
            Path converted = out.resolve("bang-tinh." + extension);
            if (!Files.exists(converted)) {
                throw new IllegalStateException("LibreOffice wrote nothing: "
                        + Files.readString(folder.resolve("soffice.log")));
            }
            return Files.readAllBytes(converted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
