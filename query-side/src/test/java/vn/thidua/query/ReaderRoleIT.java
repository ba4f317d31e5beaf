package vn.thidua.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thidua.command.CommandSideApplication;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestDatabase;
import vn.thidua.command.support.TestLedger;

/**
 * Least privilege in the database: the query side runs as a login of {@code thidua_reader}, migrates and writes its
 * own read models, serves reads, and cannot change an event, a leaf, a checkpoint, a cosignature or the ledger's state.
 */
class ReaderRoleIT {

    @Test
    void theQuerySideServesAsAReaderThatCannotWriteTheRecord() {
        String url = TestDatabase.freshDatabase("reader_role");
        try (ConfigurableApplicationContext commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("postgres").run("--server.port=0", "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--thidua.security.mode=basic", TestLedger.signerKeyArgument())) {
            JdbcClient owner = commandSide.getBean(JdbcClient.class);
            owner.sql("do $$ begin if not exists (select 1 from pg_roles where rolname = 'doc_so_lieu') then"
                    + " create role doc_so_lieu login password 'doc' in role thidua_reader; end if; end $$").update();
            Http commands = new Http("http://127.0.0.1:" + port(commandSide)).as(Http.COUNCIL);
            long position = commands.post("/api/clusters", SeedRequests.formCluster()).body().path("position")
                    .asLong();
            try (ConfigurableApplicationContext querySide = QuerySideApplication.application().profiles("postgres")
                    .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=doc_so_lieu",
                            "--spring.datasource.password=doc", "--thidua.security.mode=basic",
                            TestLedger.verifierKeyArgument())) {
                Http queries = new Http("http://127.0.0.1:" + port(querySide)).as(Http.VIEWER);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        queries.get("/api/clusters/cum-2?minPosition=" + position).status() == 200);

                PGSimpleDataSource reader = new PGSimpleDataSource();
                reader.setURL(url);
                reader.setUser("doc_so_lieu");
                reader.setPassword("doc");
                JdbcClient asReader = JdbcClient.create(reader);
                assertThat(asReader.sql("select count(*) from domain_event_entry").query(Long.class).single())
                        .isPositive();
                for (String rewrite : List.of("update domain_event_entry set payload = '{}'",
                        "delete from ledger_leaf", "update ledger_checkpoint set note = ''",
                        "delete from ledger_cosignature", "update ledger_state set sealed_through = 0",
                        "insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number,"
                                + " time_stamp, payload_type, payload) values ('x', 'x', 0, 'x', 'x', '{}')")) {
                    assertThatThrownBy(() -> asReader.sql(rewrite).update()).as(rewrite)
                            .rootCause().hasMessageContaining("permission denied");
                }
            }
        }
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
