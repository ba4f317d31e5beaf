package vn.thidua.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.io.IOException;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thidua.command.SeedCluster;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.query.support.AppsInABrowser;
import vn.thidua.query.support.BothApps;
import vn.thidua.query.support.Browser;

/**
 * The dashboard in a real browser (Debian's chromium and chromedriver, headless, no download at run time; `.ci/run`
 * installs them, and without them these tests are skipped): sign in, follow the live scoreboard while a report is
 * filed through the API, see the decision log's badge turn to broken after a row is edited in the database, switch
 * language, and watch a replay's progress bar finish. Every wait is explicit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private Browser chromium;

    private BothApps apps;
    private AppsInABrowser walk;
    private Http commands;
    private JdbcClient jdbc;
    private WebDriver browser;
    private WebDriverWait wait;
    private String home;

    @BeforeAll
    void startTheAppsAndABrowser() throws IOException {
        walk = AppsInABrowser.start("dashboard_it");
        apps = walk.apps();
        jdbc = apps.jdbc();
        commands = apps.commands();
        String years = "/api/clusters/" + CLUSTER_ID + "/years";
        accepted(commands.as(Http.COUNCIL).post("/api/clusters", SeedRequests.formCluster()));
        accepted(commands.as(Http.COUNCIL).post(years, SeedRequests.openYear(2018)));
        for (String unitId : SeedCluster.unitIds().subList(0, 3)) {
            accepted(commands.asOfficerOf(unitId).post(years + "/2018/reports", SeedRequests.report(unitId, 50, 30)));
        }
        accepted(commands.as(Http.SECRETARIAT).post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2018, "HEAD", SeedCluster.BAC_GIANG, 14, 13)));

        chromium = walk.browser();
        browser = chromium.driver();
        wait = chromium.waitFor();
        home = walk.home();
    }

    @AfterAll
    void stop() {
        if (walk != null) {
            walk.close();
        }
    }

    private static void accepted(Http.Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 201);
    }

    @Test
    @Order(1)
    void aSecretaryOpensTheClustersAndSeesTheScoreboardMoveWhenAReportLands() throws IOException {
        browser.get(home + "#/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        browser.findElement(By.id("user")).sendKeys(Http.COUNCIL);
        browser.findElement(By.id("password")).sendKeys(Http.DEMO_PASSWORD);
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#clusters a"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#years a"))).click();
        By row = By.cssSelector("#scoreboard tr[data-unit='btc-quang-ninh']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scoreboard"),
                "Ban Tổ chức Tỉnh ủy Bắc Giang"));
        assertThat(browser.findElement(row).getText()).doesNotContain("81");

        accepted(commands.asOfficerOf("btc-quang-ninh").post("/api/clusters/" + CLUSTER_ID
                + "/years/2018/reports", SeedRequests.report("btc-quang-ninh", 50, 30)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "81"));
        assertThat(browser.getCurrentUrl()).endsWith("#/c/" + CLUSTER_ID + "/y/2018");
        WebElement actDay = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline time")));
        assertThat(actDay.getAttribute("datetime")).as("each act by its day").matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(actDay.getAttribute("title")).as("the day it was entered on hover").startsWith("Ghi nhận lúc");
        screenshot("scoreboard");
    }

    @Test
    @Order(2)
    void theDecisionLogsBadgeTurnsToBrokenWhenARowIsEditedInTheDatabase() throws IOException {
        browser.get(home + "#/c/" + CLUSTER_ID + "/decisions");
        wait.until(ExpectedConditions.attributeToBe(By.id("badge"), "data-valid", "true"));
        assertThat(browser.findElement(By.id("checkpoint")).getText()).contains("thidua.local/ledger");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.witness"),
                walk.witness().name()));
        assertThat(browser.findElement(By.id("witnesses")).getText()).contains("1");
        assertThat(browser.findElement(By.cssSelector("tr[data-seq='1'] td.optional")).getAttribute("textContent"))
                .as("the kind in words on the Vietnamese page, not a class name").isEqualTo("thành lập cụm");
        screenshot("decision-log");

        jdbc.sql("update decision_log set actor = 'nguoi-khac' where cluster_id = ? and seq = 1").param(CLUSTER_ID)
                .update();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.id("badge"), "data-valid", "false"));
        assertThat(browser.findElement(By.id("badge")).getText()).contains("1");
    }

    @Test
    @Order(3)
    void theLanguageSwitchesToEnglishAndBack() {
        browser.get(home + "#/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("clusters")));
        assertThat(browser.findElement(By.cssSelector("#clusters th")).getText()).isEqualTo("Cụm");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#clusters th"), "Cluster"));
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#clusters th"), "Cụm"));
    }

    @Test
    @Order(4)
    void theCouncilReplaysAReadModelAndTheProgressBarFinishes() {
        browser.get(home + "#/admin");
        By replay = By.cssSelector("button[data-replay='scoreboard']");
        wait.until(ExpectedConditions.elementToBeClickable(replay)).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("projections-holder"), "data-replayed", "scoreboard"));
        By bar = By.cssSelector(".progress[data-name='scoreboard']");
        By status = By.cssSelector("#projections tr[data-name='scoreboard'] td[data-status]");
        wait.until(driver -> {
            var progress = driver.findElements(bar);
            return !progress.isEmpty() && "false".equals(progress.get(0).getAttribute("data-replaying"))
                    && Double.parseDouble(progress.get(0).getAttribute("data-progress")) >= 1.0
                    && "RUNNING".equals(driver.findElement(status).getAttribute("data-status"));
        });
        assertThat(apps.queries().as(Http.COUNCIL).get("/api/admin/projections").body()
                .findValuesAsString("status")).allMatch("RUNNING"::equals);
    }

    /** A unit moves out and its old cluster merges into the new one: both pages and the unit's record say so. */
    @Test
    @Order(5)
    void theReorganisationShowsOnTheClusterPagesAndTheUnitsRecord() throws IOException {
        Http council = commands.as(Http.COUNCIL);
        accepted(council.post("/api/clusters", Map.of("clusterId", "cum-moi", "name", "Cụm thi đua mới",
                "sector", SeedCluster.SECTOR, "members", List.of(Map.of("unitId", "btc-phu-tho",
                        "name", "Ban Tổ chức Tỉnh ủy Phú Thọ", "province", "Phú Thọ")))));
        accepted(council.post("/api/clusters", Map.of("clusterId", "cum-cu", "name", "Cụm thi đua cũ",
                "sector", SeedCluster.SECTOR, "members", List.of(Map.of("unitId", "btc-vinh-phuc",
                        "name", "Ban Tổ chức Tỉnh ủy Vĩnh Phúc", "province", "Vĩnh Phúc"), Map.of("unitId",
                        "btc-ha-tay", "name", "Ban Tổ chức Tỉnh ủy Hà Tây", "province", "Hà Tây")))));
        accepted(council.post("/api/clusters/cum-cu/transfers", Map.of("unitId", "btc-vinh-phuc",
                "toClusterId", "cum-moi", "reason", "Sắp xếp lại cụm")));
        Http.Response merged = council.post("/api/clusters/cum-cu/dissolution", Map.of("successorClusterId",
                "cum-moi", "reason", "Hợp nhất cụm"));
        accepted(merged);
        long position = merged.body().path("position").asLong();
        for (String read : List.of("/api/clusters/cum-cu", "/api/units/btc-vinh-phuc/record")) {
            accepted(apps.queries().as(Http.AUDITOR).get(read + "?minPosition=" + position));
        }

        browser.get(home + "#/c/cum-cu");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lineage"), "cum-moi"));
        assertThat(browser.findElement(By.cssSelector("#lineage [data-status='DISSOLVED']")).getText())
                .contains("Đã giải thể");
        browser.get(home + "#/c/cum-moi");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lineage"), "cum-cu"));
        assertThat(browser.findElement(By.id("lineage")).getText()).isEqualTo("Hợp nhất từ các cụm: cum-cu");
        assertThat(browser.findElement(By.cssSelector("#members tr[data-unit='btc-vinh-phuc']")).getText())
                .contains("từ cụm", "cum-cu");
        assertThat(browser.findElement(By.cssSelector("#rules [data-kind='EMULATION_FLAG']")).getText())
                .contains("quá 1/2 số có mặt");
        screenshot("cluster-lineage");

        browser.get(home + "#/u/btc-vinh-phuc");
        By stays = By.cssSelector("#memberships tbody tr");
        wait.until(ExpectedConditions.numberOfElementsToBe(stays, 2));
        assertThat(browser.findElements(stays).get(0).getText()).contains("cum-cu", "thành lập cụm",
                "điều chuyển đi", "sang cụm cum-moi");
        assertThat(browser.findElements(stays).get(1).getText()).contains("cum-moi", "điều chuyển đến");
        screenshot("unit-memberships");
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }
}
