package vn.thidua.query.support;

import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thidua.command.CommandSideApplication;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.TestDatabase;
import vn.thidua.query.QuerySideApplication;

/** Both apps' configurations in this JVM on a fresh database of the test PostgreSQL, signing in over HTTP Basic. */
public final class BothApps implements AutoCloseable {

    private final ConfigurableApplicationContext commandSide;
    private final ConfigurableApplicationContext querySide;

    private BothApps(ConfigurableApplicationContext commandSide, ConfigurableApplicationContext querySide) {
        this.commandSide = commandSide;
        this.querySide = querySide;
    }

    /** Starts the command side, then the query side with any extra arguments. */
    public static BothApps start(String purpose, String... queryArguments) {
        String url = TestDatabase.freshDatabase(purpose);
        String[] database = {"--server.port=0", "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--thidua.security.mode=basic"};
        ConfigurableApplicationContext commandSide =
                new SpringApplicationBuilder(CommandSideApplication.class).profiles("postgres").run(database);
        ConfigurableApplicationContext querySide = QuerySideApplication.application().profiles("postgres")
                .run(Stream.concat(Stream.of(database), Stream.of(queryArguments)).toArray(String[]::new));
        return new BothApps(commandSide, querySide);
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
