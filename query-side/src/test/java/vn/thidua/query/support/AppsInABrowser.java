package vn.thidua.query.support;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Both apps on a fresh database, their ledger cosigned by one in-process witness (quorum 1: the decision log's page
 * names it beside the checkpoint), and a headless browser on the query side's page ({@link #home}).
 */
public final class AppsInABrowser implements AutoCloseable {

    private final InProcessWitness witness;
    private final BothApps apps;
    private final Browser browser;

    private AppsInABrowser(InProcessWitness witness, BothApps apps, Browser browser) {
        this.witness = witness;
        this.apps = apps;
        this.browser = browser;
    }

    /** Skips the calling test class where the browser is not installed. */
    public static AppsInABrowser start(String purpose) throws IOException {
        Browser.assumeInstalled();
        InProcessWitness witness = InProcessWitness.start("witness.test/so-noi-vu",
                Files.createTempDirectory(purpose + "-witness"));
        String[] trust = InProcessWitness.trust(List.of(witness), 1);
        return new AppsInABrowser(witness, BothApps.start(purpose, trust, trust), Browser.start());
    }

    public InProcessWitness witness() {
        return witness;
    }

    public BothApps apps() {
        return apps;
    }

    public Browser browser() {
        return browser;
    }

    /** The query side's page: the dashboard and the desk. */
    public String home() {
        return "http://127.0.0.1:" + apps.queryPort() + "/";
    }

    @Override
    public void close() {
        browser.close();
        apps.close();
        witness.close();
    }
}
