package vn.thidua.query.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thidua.command.CommandSideApplication;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.TestDatabase;
import vn.thidua.command.support.TestLedger;
import vn.thidua.query.QuerySideApplication;

/** Both apps' configurations in this JVM on a fresh database of the test PostgreSQL, signing in over HTTP Basic. */
public final class BothApps implements AutoCloseable {

    private final String[] commandSideArguments;
    private final String[] querySideArguments;
    private ConfigurableApplicationContext commandSide;
    private final ConfigurableApplicationContext querySide;

    private BothApps(String[] commandSideArguments, String[] querySideArguments,
                     ConfigurableApplicationContext commandSide, ConfigurableApplicationContext querySide) {
        this.commandSideArguments = commandSideArguments;
        this.querySideArguments = querySideArguments;
        this.commandSide = commandSide;
        this.querySide = querySide;
    }

    /** Starts the command side, then the query side with any extra arguments. */
    public static BothApps start(String purpose, String... queryArguments) {
        return start(purpose, new String[0], queryArguments);
    }

    /** Starts the command side with its extra arguments, then the query side with its own. */
    public static BothApps start(String purpose, String[] commandArguments, String[] queryArguments) {
        String url = TestDatabase.freshDatabase(purpose);
        String[] database = {"--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--thidua.security.mode=basic"};
        // The command side has the query side print the documents it issues, and takes the desk's commands from the
        // query side's origin: the query side's port is chosen first.
        int queryPort = freePort();
        String[] commandSideArguments = concat(database, new String[] {"--server.port=0", TestLedger.signerKeyArgument(),
                "--thidua.query-side-url=http://127.0.0.1:" + queryPort,
                "--thidua.security.cors-origins=http://127.0.0.1:" + queryPort}, commandArguments);
        ConfigurableApplicationContext commandSide = startCommandSide(commandSideArguments);
        String[] querySideArguments = concat(database, new String[] {TestLedger.verifierKeyArgument(),
                "--thidua.desk.command-side-url=http://127.0.0.1:" + port(commandSide)});
        ConfigurableApplicationContext querySide = startQuerySide(concat(querySideArguments, queryArguments,
                new String[] {"--server.port=" + queryPort}));
        return new BothApps(commandSideArguments, querySideArguments, commandSide, querySide);
    }

    private static ConfigurableApplicationContext startQuerySide(String[] arguments) {
        return QuerySideApplication.application().profiles("postgres").run(arguments);
    }

    /** One more query-side replica on the same store, with its own extra arguments; the caller closes it. */
    public ConfigurableApplicationContext anotherQuerySide(String... arguments) {
        return startQuerySide(concat(querySideArguments, arguments, new String[] {"--server.port=0"}));
    }

    /** A client of any of the apps started here. */
    public static Http http(ConfigurableApplicationContext app) {
        return new Http("http://127.0.0.1:" + port(app));
    }

    private static ConfigurableApplicationContext startCommandSide(String[] arguments) {
        return new SpringApplicationBuilder(CommandSideApplication.class).profiles("postgres").run(arguments);
    }

    /** Stops the command side and starts it again on the same store, as an operator's restart does. */
    public void restartCommandSide() {
        commandSide.close();
        commandSide = startCommandSide(commandSideArguments);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }

    public Http commands() {
        return new Http("http://127.0.0.1:" + port(commandSide));
    }

    public Http queries() {
        return new Http("http://127.0.0.1:" + port(querySide));
    }

    public int commandPort() {
        return port(commandSide);
    }

    public int queryPort() {
        return port(querySide);
    }

    public JdbcClient jdbc() {
        return querySide.getBean(JdbcClient.class);
    }

    /** A bean of the query side, for checks of its wiring that no answer over HTTP shows. */
    public <T> T querySideBean(Class<T> type) {
        return querySide.getBean(type);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @Override
    public void close() {
        querySide.close();
        commandSide.close();
    }
}
