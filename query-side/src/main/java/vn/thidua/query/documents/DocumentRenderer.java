package vn.thidua.query.documents;

import vn.thidua.events.year.DocumentKind;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import vn.thidua.events.ballot.Ballot;
import vn.thidua.query.narration.Narrator;
import vn.thidua.query.scoreboard.ScoreboardView;
import vn.thidua.query.web.Problem;

/**
 * Lays a year's record out as Vietnamese administrative documents are laid out (national heading, issuing body,
 * place and date, title, body, signature block; A4, a Times-metric serif) and prints it to PDF: Thymeleaf for the
 * page, openhtmltopdf on PDFBox for the PDF, ZXing for the QR code of the verification page.
 */
@Component
public class DocumentRenderer {

    /** One page's content, in the chosen language, ready to lay out. */
    public record Page(String language, String issuer, String issuerDetail, String numberLine, String draftMark,
                       String nation, String motto,
                       String dateLine, String title, String subtitle, String addressee, List<Section> sections,
                       List<String> closing, List<String> signatures, String signatureNote, String ledgerLine,
                       String qrCode, String verifyUrl) {
    }

    /** A numbered part of the body: a heading, paragraphs and an optional table. */
    public record Section(String heading, List<String> paragraphs, List<String> header, List<List<String>> rows) {
    }

    private static final String FAMILY = "Document Serif";
    /** Liberation 2 (Debian's fonts-liberation2) covers Vietnamese; Liberation 1 lacks ơ, ư and the stacked marks. */
    private static final List<Path> FONT_FOLDERS = List.of(Path.of("/usr/share/fonts/truetype/liberation2"),
            Path.of("/usr/share/fonts/truetype/dejavu"));

    private final TemplateEngine templates = new TemplateEngine();
    private final Path fontFolder;

    public DocumentRenderer(@Value("${thidua.documents.font-folder:}") String fontFolder) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("documents/");
        resolver.setSuffix(".xhtml");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        templates.setTemplateResolver(resolver);
        this.fontFolder = fontFolder.isBlank() ? null : Path.of(fontFolder);
    }

    /**
     * The document as it is issued ({@code issue} its number, day and place), or a draft of it (null), marked so on
     * every page.
     */
    public byte[] render(DocumentKind kind, YearRecord record, String unitId, Locale locale, String verifyUrl,
                         IssuedAs issue) {
        DocumentWords words = DocumentWords.of(locale);
        Issue print = issue == null ? new Issue(record, null, words.text("draft"), verifyUrl)
                : new Issue(record.signedAt(issue.occurredOn(), issue.place()),
                words.text("number", issue.numberAndSymbol()), null, verifyUrl);
        Page page = switch (kind) {
            case MINUTES -> minutes(print, words);
            case PROPOSAL -> proposal(print, words);
            case CERTIFICATE -> certificate(print, unitId, words);
        };
        Context context = new Context();
        context.setVariable("page", page);
        String xhtml = templates.process("document", context);
        return pdf(xhtml, page.title() + " " + page.subtitle());
    }

    /** What one printing lays out: the record (dated as issued), and its number line or draft mark. */
    private record Issue(YearRecord record, String numberLine, String draftMark, String verifyUrl) {
    }

    private Page minutes(Issue print, DocumentWords w) {
        YearRecord record = print.record();
        List<Section> sections = new ArrayList<>();
        List<String> members = new ArrayList<>();
        members.add(w.text("minutes.membersText", record.year(), record.board().rows().size()));
        int n = 1;
        for (ScoreboardView.RowView row : record.board().rows()) {
            members.add((n++) + ". " + row.unitName());
        }
        sections.add(new Section(w.text("minutes.members"), members, List.of(), List.of()));
        List<List<String>> ranking = new ArrayList<>();
        for (ScoreboardView.RowView row : record.board().rows()) {
            ranking.add(List.of(row.rank() == null ? w.text("unranked") : row.rank().toString(), row.unitName(),
                    number(row.selfScore(), w), number(row.assessedScore(), w), number(row.finalScore(), w)));
        }
        sections.add(new Section(w.text("minutes.ranking"), List.of(), List.of(w.text("col.rank"),
                w.text("col.unit"), w.text("col.self"), w.text("col.assessed"), w.text("col.final")), ranking));
        List<String> elections = new ArrayList<>();
        record.elections().forEach(e -> {
            elections.add(w.text("election", w.text("office." + e.office()), e.termYear(), e.unitName())
                    + (e.rescindedFor() == null ? "" : " " + w.text("rescinded", e.rescindedFor())));
            elections.add(ballot(e.ballot(), e.minutesRef(), w));
        });
        if (elections.isEmpty()) {
            elections.add(w.text("minutes.noElection"));
        }
        YearRecord.Election next = record.nextHead();
        elections.add(next == null ? w.text("minutes.noNextHead", record.year() + 1)
                : w.text("minutes.nextHead", next.unitName(), record.year() + 1));
        sections.add(new Section(w.text("minutes.elections"), elections, List.of(), List.of()));
        List<String> awards = new ArrayList<>();
        record.commendations().forEach(c -> {
            awards.add(commendation(c, w));
            awards.add(ballot(c.ballot(), c.minutesRef(), w));
        });
        if (awards.isEmpty()) {
            awards.add(w.text("minutes.noCommendation"));
        }
        sections.add(new Section(w.text("minutes.commendations"), awards, List.of(), List.of()));
        List<String> rescissions = record.rescissions().stream()
                .map(r -> w.text("rescission", r.rescindedDecisionId(),
                        w.pick(Narrator.decisionType(r.rescindedType())), r.reason()))
                .toList();
        sections.add(new Section(w.text("minutes.rescissions"),
                rescissions.isEmpty() ? List.of(w.text("minutes.noRescission")) : rescissions, List.of(), List.of()));
        String intro = w.text("minutes.intro", record.date().getDayOfMonth(), record.date().getMonthValue(),
                record.date().getYear(), record.clusterName(), record.year());
        return page(print, w, "minutes", null, sections, List.of(intro), List.of(w.text("secretary"),
                w.text("chair")));
    }

    private Page proposal(Issue print, DocumentWords w) {
        YearRecord record = print.record();
        List<List<String>> rows = new ArrayList<>();
        int n = 1;
        for (YearRecord.Commendation c : record.commendations()) {
            if (c.rescindedFor() == null) {
                rows.add(List.of(Integer.toString(n++), c.unitName(), w.text("award." + c.award()),
                        c.rank() == null ? w.text("unranked") : c.rank().toString(), number(c.finalScore(), w),
                        c.ballot().votesFor() + "/" + c.ballot().votersPresent() + " (" + c.votePercent() + "%)"));
            }
        }
        Section proposed = new Section(null, rows.isEmpty() ? List.of(w.text("proposal.none", record.year()))
                : List.of(w.text("proposal.intro", record.clusterName())), rows.isEmpty() ? List.of()
                : List.of(w.text("col.no"), w.text("col.unit"), w.text("col.award"), w.text("col.rank"),
                w.text("col.final"), w.text("col.votes")), rows);
        return page(print, w, "proposal", w.text("proposal.to", record.sector()), List.of(proposed), List.of(),
                List.of(w.text("head")));
    }

    private Page certificate(Issue print, String unitId, DocumentWords w) {
        YearRecord record = print.record();
        ScoreboardView.RowView row = record.rowOf(unitId);
        if (row == null) {
            throw Problem.UNIT_NOT_FOUND.raise(unitId);
        }
        String award = record.commendations().stream()
                .filter(c -> c.unitId().equals(unitId) && c.rescindedFor() == null)
                .map(c -> w.text("award." + c.award())).findFirst().orElse(w.text("certificate.none"));
        String office = record.elections().stream()
                .filter(e -> e.unitId().equals(unitId) && e.termYear() == record.year() && e.rescindedFor() == null)
                .map(e -> w.text("office." + e.office())).findFirst().orElse(w.text("certificate.none"));
        List<List<String>> rows = List.of(
                List.of(w.text("certificate.unit"), row.unitName()),
                List.of(w.text("certificate.cluster"), record.clusterName()),
                List.of(w.text("certificate.rank"), row.rank() == null ? w.text("unranked") : row.rank().toString()),
                List.of(w.text("certificate.score"), number(row.finalScore(), w)),
                List.of(w.text("certificate.award"), award),
                List.of(w.text("certificate.office"), office));
        Section result = new Section(null, List.of(w.text("certificate.intro", record.clusterName(),
                record.year())), List.of(), rows);
        return page(print, w, "certificate", null, List.of(result), List.of(), List.of(w.text("head")));
    }

    private Page page(Issue print, DocumentWords w, String kind, String addressee, List<Section> sections,
                      List<String> intro, List<String> signatures) {
        YearRecord record = print.record();
        List<Section> body = new ArrayList<>();
        if (!intro.isEmpty()) {
            body.add(new Section(null, intro, List.of(), List.of()));
        }
        body.addAll(sections);
        return new Page(w.language(), record.clusterName().toUpperCase(Locale.forLanguageTag("vi")),
                record.sector(), print.numberLine(), print.draftMark(), w.text("nation"), w.text("motto"),
                w.text("dateLine", record.place(), record.date().getDayOfMonth(), record.date().getMonthValue(),
                        record.date().getYear()),
                w.text(kind + ".title"), w.text(kind + ".subtitle", record.year()), addressee, body, List.of(),
                signatures, w.text("signature"),
                w.text("ledger", record.clusterId() + "/" + record.year(), record.treeSize(), record.rootHash()),
                qrCode(print.verifyUrl()), print.verifyUrl());
    }

    private static String commendation(YearRecord.Commendation c, DocumentWords w) {
        return w.text("commendation", w.text("award." + c.award()), c.unitName(),
                c.rank() == null ? w.text("unranked") : c.rank().toString(), number(c.finalScore(), w))
                + (c.rescindedFor() == null ? "" : " " + w.text("rescinded", c.rescindedFor()));
    }

    private static String ballot(Ballot ballot, String minutesRef, DocumentWords w) {
        return w.text("ballot", ballot.eligibleVoters(), ballot.votersPresent(), ballot.votesFor(),
                ballot.votesAgainst(), ballot.invalid(), minutesRef);
    }

    /** A score as its language writes numbers: 58,5 in Vietnamese, 58.5 in English. */
    static String number(BigDecimal value, DocumentWords w) {
        if (value == null) {
            return "-";
        }
        String plain = value.stripTrailingZeros().toPlainString();
        return "vi".equals(w.language()) ? plain.replace('.', ',') : plain;
    }

    private static String qrCode(String url) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 360, 360,
                    Map.of(EncodeHintType.MARGIN, 2)), "PNG", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("the QR code of " + url + " could not be drawn", e);
        }
    }

    private byte[] pdf(String xhtml, String title) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(xhtml, null);
        Fonts fonts = fonts();
        builder.useFont(fonts.regular(), FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(fonts.bold(), FAMILY, 700, FontStyle.NORMAL, true);
        builder.useFont(fonts.italic(), FAMILY, 400, FontStyle.ITALIC, true);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the document " + title + " could not be printed", e);
        }
        return out.toByteArray();
    }

    private record Fonts(File regular, File bold, File italic) {
    }

    /** Liberation Serif (metric-compatible with Times New Roman, Debian's fonts-liberation2), else DejaVu Serif. */
    private Fonts fonts() {
        List<Path> folders = fontFolder == null ? FONT_FOLDERS : List.of(fontFolder);
        for (Path folder : folders) {
            for (String family : List.of("LiberationSerif", "DejaVuSerif")) {
                Path regular = folder.resolve(family + (family.startsWith("Liberation") ? "-Regular" : "") + ".ttf");
                Path bold = folder.resolve(family + "-Bold.ttf");
                Path italic = folder.resolve(family + "-Italic.ttf");
                if (Files.isReadable(regular) && Files.isReadable(bold)) {
                    return new Fonts(regular.toFile(), bold.toFile(),
                            Files.isReadable(italic) ? italic.toFile() : regular.toFile());
                }
            }
        }
        throw Problem.DOCUMENT_FONT_MISSING.raise(folders);
    }
}
