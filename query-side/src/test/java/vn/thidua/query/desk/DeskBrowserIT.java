package vn.thidua.query.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thidua.command.SeedCluster;
import vn.thidua.command.support.Http;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.query.support.AppsInABrowser;
import vn.thidua.query.support.BothApps;
import vn.thidua.query.support.Browser;

/**
 * The seed story's year done at the desk by clicking and typing only, each person signed in as themselves: the council
 * forms Cụm thi đua số 2 with its 14 boards and opens 2017; every board's officer signs the pledge and files its report
 * with an evidence file; the secretariat assesses every report, meets a ballot below quorum (refused beside its
 * field), a stale form (the other change shown, its own typing kept), ranks, elects Bắc Giang head for 2018, proposes
 * an award with a double click that records once, closes the year, issues and downloads the minutes; the auditor
 * replays the year by keyboard alone (equal), downloads an evidence file that hashes to its name and finds the ledger
 * valid. axe-core finds no serious or critical violation on any page of the walk. Screenshots go to
 * target/dashboard-pictures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeskBrowserIT {

    private static final String YEAR_DESK = "#/desk/c/" + CLUSTER_ID + "/y/2017";
    private static final String HA_NAM = "btc-ha-nam";

    private AppsInABrowser walk;
    private BothApps apps;
    private JdbcClient jdbc;
    private Browser chromium;
    private WebDriver browser;
    private WebDriverWait wait;
    private String home;
    private Path evidenceFolder;

    @BeforeAll
    void startTheAppsAndABrowser() throws IOException {
        walk = AppsInABrowser.start("desk_it");
        apps = walk.apps();
        jdbc = apps.jdbc();
        chromium = walk.browser();
        browser = chromium.driver();
        // A wait that times out says what the page showed.
        wait = chromium.waitFor();
        wait.withMessage(() -> "the page showed: " + browser.findElement(By.id("view")).getText());
        home = walk.home();
        evidenceFolder = Files.createTempDirectory("desk-evidence");
    }

    @AfterAll
    void stop() {
        if (walk != null) {
            walk.close();
        }
    }

    @Test
    @Order(1)
    void theCouncilFormsTheClusterWithItsFourteenBoardsAndOpens2017() {
        browser.get(home);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        accessible("sign-in");
        typeSignIn(Http.COUNCIL);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("desk-who"), Http.COUNCIL));
        assertThat(browser.getCurrentUrl()).as("the page opens on the desk").endsWith("#/desk");
        openSection("form-cluster");
        type("form-cluster", "clusterId", CLUSTER_ID);
        type("form-cluster", "name", SeedCluster.NAME);
        type("form-cluster", "sector", SeedCluster.SECTOR);
        List<MemberUnit> members = SeedCluster.MEMBERS;
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                click(By.cssSelector("#form-cluster [data-add='members']"));
            }
            type("form-cluster", "members[" + i + "].unitId", members.get(i).unitId());
            type("form-cluster", "members[" + i + "].name", members.get(i).name());
            type("form-cluster", "members[" + i + "].province", members.get(i).province());
        }
        date("form-cluster", "occurredOn", LocalDate.of(2016, 12, 20));
        accessible("desk, council, forming a cluster");
        chromium.screenshot("desk-council");
        send("form-cluster");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), SeedCluster.NAME));

        openSection("open-year");
        clear("open-year", "year");
        type("open-year", "year", "2017");
        type("open-year", "scoringTable.criteria[0].criterionId", "chuyen-mon");
        type("open-year", "scoringTable.criteria[0].group", "Nhiệm vụ chuyên môn");
        type("open-year", "scoringTable.criteria[0].title", "Công tác tổ chức xây dựng Đảng");
        type("open-year", "scoringTable.criteria[0].maxPoints", "60");
        click(By.cssSelector("#open-year [data-add='scoringTable.criteria']"));
        type("open-year", "scoringTable.criteria[1].criterionId", "phong-trao");
        type("open-year", "scoringTable.criteria[1].group", "Phong trào thi đua");
        type("open-year", "scoringTable.criteria[1].title", "Tổ chức phong trào thi đua");
        type("open-year", "scoringTable.criteria[1].maxPoints", "40");
        replace("open-year", "scoringTable.maxBonus", "5");
        replace("open-year", "scoringTable.maxPenalty", "5");
        type("open-year", "pledge.targets[0].targetId", "hoan-thanh");
        type("open-year", "pledge.targets[0].text", "Hoàn thành toàn diện các nhiệm vụ được giao");
        date("open-year", "pledgeDeadline", LocalDate.of(2017, 3, 31));
        date("open-year", "reportDeadline", LocalDate.of(2017, 12, 15));
        date("open-year", "occurredOn", LocalDate.of(2017, 1, 10));
        accessible("desk, council, the cluster's forms");
        send("open-year");
        wait.until(ExpectedConditions.urlContains(YEAR_DESK));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "2017"));
    }

    @Test
    @Order(2)
    void everyBoardSignsThePledgeAndFilesItsReportWithAnEvidenceFile() throws IOException {
        List<MemberUnit> members = SeedCluster.MEMBERS;
        for (int i = 0; i < members.size(); i++) {
            String unitId = members.get(i).unitId();
            signIn("can-bo-" + unitId.substring("btc-".length()));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#due [data-due='SIGN_PLEDGE']")));
            assertThat(browser.findElement(By.id("due")).getText()).contains("Ký giao ước thi đua", "quá hạn");
            click(By.cssSelector("#due [data-due='FILE_REPORT'] a"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pledge")));
            type("pledge", "signatory.name", "Nguyễn Văn Hùng");
            type("pledge", "signatory.title", "Trưởng ban");
            date("pledge", "occurredOn", LocalDate.of(2017, 3, 15));
            send("pledge");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pledge-signed")));

            type("report", "summary", "Hoàn thành toàn diện, thắng lợi các nhiệm vụ được giao");
            // Bắc Giang leads the year; the others follow one point apart.
            type("report", "selfScores.chuyen-mon", unitId.equals(BAC_GIANG) ? "59" : String.valueOf(50 + i % 8));
            type("report", "selfScores.phong-trao", unitId.equals(BAC_GIANG) ? "39" : "30");
            Path file = evidenceFolder.resolve("bao-cao-" + unitId + ".pdf");
            Files.writeString(file, "%PDF-1.4\n% Báo cáo tổng kết năm 2017 của " + members.get(i).name() + "\n",
                    StandardCharsets.UTF_8);
            field("report", "evidence").findElement(By.xpath("..")).findElement(By.cssSelector("input[type=file]"))
                    .sendKeys(file.toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                    "#report .evidence-list li[data-sha256='" + sha256(Files.readAllBytes(file)) + "']")));
            date("report", "occurredOn", LocalDate.of(2017, 12, 10));
            if (i == 0) {
                accessible("desk, unit officer, pledge and report");
                chromium.screenshot("desk-officer");
            }
            send("report");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#report h3"),
                    "Sửa báo cáo đã nộp"));
        }
        assertThat(jdbc.sql("select count(*) from evidence_file").query(Long.class).single())
                .as("each board's file kept once").isEqualTo(members.size());
    }

    @Test
    @Order(3)
    void theSecretariatAssessesEveryReportAndAStaleFormShowsTheOtherChange() {
        signIn(Http.SECRETARIAT);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#due [data-due='ASSESS_REPORT']"),
                SeedCluster.MEMBERS.size()));
        click(By.cssSelector("#due [data-due='ASSESS_REPORT'] a"));
        for (MemberUnit member : SeedCluster.MEMBERS) {
            String form = "assess-" + member.unitId();
            openSection(form);
            date(form, "occurredOn", LocalDate.of(2017, 12, 20));
            send(form);
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("unit-" + BAC_GIANG), "Thẩm định: 98"));

        // The form opens on the year's version; someone else's assessment lands before it is sent.
        String form = "assess-" + HA_NAM;
        openSection(form);
        replace(form, "scores.chuyen-mon", "55");
        date(form, "occurredOn", LocalDate.of(2017, 12, 21));
        Http.Response other = apps.commands().as(Http.SECRETARIAT).post("/api/clusters/" + CLUSTER_ID
                + "/years/2017/reports/" + HA_NAM + "/assessment", Map.of("scores", Map.of("chuyen-mon", 40,
                "phong-trao", 20), "bonusPoints", 0, "penaltyPoints", 0, "note", "Thẩm định lại",
                "occurredOn", "2017-12-21"));
        assertThat(other.status()).as(other.raw()).isEqualTo(200);
        click(By.cssSelector("[data-submit='" + form + "']"));
        WebElement stale = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#" + form
                + " .stale")));
        assertThat(stale.getText()).contains("Đã có người khác thay đổi", "Thẩm định: 60");
        assertThat(field(form, "scores.chuyen-mon").getAttribute("value")).as("kept as typed").isEqualTo("55");
        chromium.screenshot("desk-stale-form");
        send(form);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("unit-" + HA_NAM), "Thẩm định: 85"));
    }

    @Test
    @Order(4)
    void aBallotBelowQuorumIsRefusedBesideItsFieldThenBacGiangIsElectedHeadFor2018() {
        browser.get(home + "#/desk/c/" + CLUSTER_ID);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("election")));
        replace("election", "termYear", "2018");
        ballot("election", BAC_GIANG, 5, 5, 0, "Biên bản số 01/BB-CTĐ2");
        click(By.cssSelector("[data-submit='election']"));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#election .field-error")));
        WebElement present = field("election", "ballot.votersPresent");
        assertThat(present.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(present.getAttribute("aria-describedby")).contains(error.getAttribute("id"));
        assertThat(error.findElement(By.xpath("..")).findElement(By.tagName("input")).getAttribute("data-field"))
                .as("beside the field it concerns").isEqualTo("ballot.votersPresent");
        assertThat(browser.findElement(By.cssSelector("#election .form-error")).getAttribute("data-code"))
                .isEqualTo("QUORUM_NOT_MET");
        assertThat(present.getAttribute("value")).as("kept as typed").isEqualTo("5");
        accessible("desk, secretariat, a refused ballot");
        chromium.screenshot("desk-refusal");

        replace("election", "ballot.votersPresent", "14");
        replace("election", "ballot.votesFor", "13");
        replace("election", "ballot.votesAgainst", "1");
        send("election");
        assertThat(apps.queries().as(Http.SECRETARIAT).get("/api/clusters/" + CLUSTER_ID + "/leadership").raw())
                .contains("\"termYear\":2018", "Ban Tổ chức Tỉnh ủy Bắc Giang");
    }

    @Test
    @Order(5)
    void theSecretariatRanksProposesAnAwardOnceClosesTheYearAndDownloadsTheMinutes() throws IOException {
        browser.get(home + YEAR_DESK);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ranking")));
        date("ranking", "occurredOn", LocalDate.of(2017, 12, 28));
        send("ranking");

        ballot("commendation", BAC_GIANG, 14, 14, 0, "Biên bản số 02/BB-CTĐ2");
        int before = recorded();
        new Actions(browser).doubleClick(browser.findElement(By.cssSelector("[data-submit='commendation']")))
                .perform();
        wait.until(driver -> recorded() > before);
        assertThat(jdbc.sql("select count(*) from domain_event_entry where payload_type = ?")
                .param(CommendationProposed.class.getName()).query(Long.class).single())
                .as("a double click records once").isEqualTo(1);

        date("closure", "occurredOn", LocalDate.of(2017, 12, 29));
        send("closure");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Đã kết thúc"));

        type("issue", "number", "2");
        type("issue", "symbol", "BB-CTĐ2");
        date("issue", "occurredOn", LocalDate.of(2017, 12, 28));
        type("issue", "place", "Bắc Giang");
        accessible("desk, secretariat, the year's documents");
        chromium.screenshot("desk-secretariat");
        sendUntilTheLedgerHasSealedTheYear("issue");

        click(By.id("download-minutes"));
        Path minutes = chromium.downloads().resolve("bien-ban-" + CLUSTER_ID + "-2017.pdf");
        wait.until(driver -> Files.exists(minutes) && minutes.toFile().length() > 0);
        byte[] pdf = Files.readAllBytes(minutes);
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(apps.queries().as(Http.SECRETARIAT).get("/api/clusters/" + CLUSTER_ID + "/years/2017/documents")
                .raw()).as("the issued minutes downloaded").contains(sha256(pdf));
    }

    @Test
    @Order(6)
    void theAuditorReplaysTheYearDownloadsAnEvidenceFileAndFindsTheLedgerValid() throws IOException {
        signIn(Http.AUDITOR);
        browser.get(home + YEAR_DESK);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("replay-year")));
        // By keyboard alone: tab to the replay, its focus visible, and press Enter.
        WebElement focused = null;
        for (int tab = 0; tab < 80 && (focused == null || !"replay-year".equals(focused.getAttribute("id"))); tab++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            focused = browser.switchTo().activeElement();
        }
        assertThat(focused.getAttribute("id")).as("reached by Tab").isEqualTo("replay-year");
        assertThat(focused.getCssValue("outline-style")).as("focus visible").isNotEqualTo("none");
        focused.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(By.id("replay-outcome"), "data-equal", "true"));

        WebElement evidence = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#unit-" + BAC_GIANG + " [data-evidence]")));
        String hash = evidence.getAttribute("data-evidence");
        evidence.click();
        Path file = chromium.downloads().resolve("bao-cao-" + BAC_GIANG + ".pdf");
        wait.until(driver -> Files.exists(file) && file.toFile().length() > 0);
        assertThat(sha256(Files.readAllBytes(file))).isEqualTo(hash);
        accessible("desk, auditor");

        click(By.id("verify-link"));
        wait.until(ExpectedConditions.attributeToBe(By.id("badge"), "data-valid", "true"));
        accessible("decision log");
    }

    private void signIn(String user) {
        browser.get(home + "#/desk");
        if (!browser.findElements(By.id("sign-out")).isEmpty()
                && browser.findElement(By.id("sign-in")).getAttribute("hidden") != null) {
            click(By.id("sign-out"));
        }
        typeSignIn(user);
        if (!browser.getCurrentUrl().endsWith("#/desk")) {
            browser.get(home + "#/desk");
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("desk-who"), user));
    }

    private void typeSignIn(String user) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        browser.findElement(By.id("user")).clear();
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(Http.DEMO_PASSWORD);
        browser.findElement(By.id("sign-in-button")).click();
    }

    /** A ballot's form filled for a unit as the meeting of 28/12/2017 voted (the eligible voters are prefilled). */
    private void ballot(String form, String unitId, int present, int votesFor, int against, String minutesRef) {
        new Select(field(form, "unitId")).selectByValue(unitId);
        type(form, "ballot.votersPresent", String.valueOf(present));
        type(form, "ballot.votesFor", String.valueOf(votesFor));
        type(form, "ballot.votesAgainst", String.valueOf(against));
        type(form, "minutesRef", minutesRef);
        date(form, "occurredOn", LocalDate.of(2017, 12, 28));
    }

    private WebElement field(String form, String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#" + form + " [data-field='" + name + "']")));
    }

    private void type(String form, String name, String text) {
        field(form, name).sendKeys(text);
    }

    private void clear(String form, String name) {
        field(form, name).clear();
    }

    private void replace(String form, String name, String text) {
        clear(form, name);
        type(form, name, text);
    }

    /**
     * A date picked: the browser's date control takes typed digits in the order of the machine's locale, not the
     * page's, so the test sets the day as the picker would and announces the change as the picker does.
     */
    private void date(String form, String name, LocalDate day) {
        WebElement input = field(form, name);
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, day.toString());
        assertThat(input.getAttribute("value")).as(form + " " + name).isEqualTo(day.toString());
    }

    private void click(By target) {
        wait.until(ExpectedConditions.elementToBeClickable(target)).click();
    }

    private void openSection(String form) {
        click(By.xpath("//form[@id='" + form + "']/ancestor::details/summary"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(form)));
    }

    private int recorded() {
        Object count = ((JavascriptExecutor) browser).executeScript("return document.body.dataset.recorded || '0'");
        return Integer.parseInt(String.valueOf(count));
    }

    /** Sends the form and waits until the page shows what it recorded. */
    private void send(String form) {
        int before = recorded();
        click(By.cssSelector("[data-submit='" + form + "']"));
        wait.until(driver -> {
            List<WebElement> refused = driver.findElements(By.cssSelector("#" + form + " .form-error"));
            assertThat(refused).as(form + " refused: %s", refused.isEmpty() ? "" : refused.get(0).getText())
                    .isEmpty();
            return recorded() > before;
        });
    }

    /** A document is issued at a cosigned checkpoint that seals the year: until then the desk shows LEDGER_BEHIND. */
    private void sendUntilTheLedgerHasSealedTheYear(String form) {
        int before = recorded();
        click(By.cssSelector("[data-submit='" + form + "']"));
        wait.until(driver -> {
            if (recorded() > before) {
                return true;
            }
            List<WebElement> refused = driver.findElements(By.cssSelector("#" + form + " .form-error"));
            if (!refused.isEmpty()) {
                assertThat(refused.get(0).getAttribute("data-code")).isEqualTo("LEDGER_BEHIND");
                WebElement submit = driver.findElement(By.cssSelector("[data-submit='" + form + "']"));
                if (submit.isEnabled()) {
                    submit.click();
                }
            }
            return false;
        });
    }

    private void accessible(String page) {
        assertThat(chromium.accessibilityViolations()).as("axe-core on " + page).isEmpty();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
