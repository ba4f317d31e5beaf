package vn.thidua.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.thidua.command.cluster.ClusterCommands.FormCluster;
import vn.thidua.command.year.YearCommands.OpenEmulationYear;
import vn.thidua.command.year.YearCommands.SignPledge;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.json.EventJson;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Signatory;

/**
 * Append: commands per second through the CommandGateway (one event each) on 1 and 8 client threads, against the
 * limit for one event per command, a raw JDBC INSERT + COMMIT of an equal row into the same event table. PostgreSQL
 * runs with fsync and synchronous commit on. Each client thread works on aggregates of its own, as independent
 * clusters would.
 */
final class AppendBenchmark {

    private static final int MEMBERS = 200;
    private static final String METADATA = "{\"correlationId\":\"" + UUID.randomUUID()
            + "\",\"actor\":\"can-bo-bac-giang\",\"role\":\"UNIT_OFFICER\",\"actorCluster\":\"cum-2\","
            + "\"actorUnit\":\"btc-bac-giang\"}";

    private AppendBenchmark() {
    }

    static void main(String[] args) throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.getLong("warmup", 3));
        Duration measured = Duration.ofSeconds(Long.getLong("seconds", 15));
        try (EmbeddedPostgres postgres = Benchmarks.durablePostgres()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext app = Benchmarks.commandSide(postgres)) {
                CommandGateway gateway = app.getBean(CommandGateway.class);
                List<String> rows = new ArrayList<>();
                for (int threads : new int[] {1, 8}) {
                    double raw = Measurement.perSecond(threads, warmUp, measured, rawInsert(url, threads));
                    double axon = Measurement.perSecond(threads, warmUp, measured,
                            commands(gateway, threads, MEMBERS));
                    rows.add(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.0f%% |", threads, raw, axon,
                            100 * axon / raw));
                }
                System.out.println();
                System.out.println("Append, " + measured.toSeconds() + " s per figure, fsync on, " + Instant.now());
                System.out.println("| client threads | raw INSERT+COMMIT rows/s (limit) | commands/s via gateway "
                        + "| ratio |");
                System.out.println("| --- | --- | --- | --- |");
                rows.forEach(System.out::println);
            }
        }
    }

    /** The limit: one INSERT and its COMMIT per row, each thread on its own connection and stream. */
    private static Measurement.Operation rawInsert(String url, int threads) throws Exception {
        String payload = EventJson.mapper().writeValueAsString(new PledgeSigned("cum-2", 2017, "btc-bac-giang",
                new Signatory("Nguyễn Văn Hùng", "Trưởng ban"), false));
        String run = UUID.randomUUID().toString();
        List<PreparedStatement> statements = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection connection = DriverManager.getConnection(url, "postgres", "");
            connection.setAutoCommit(true);
            statements.add(connection.prepareStatement("""
                    insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    values (?, ?, ?, 'EmulationYear', ?, 'vn.thidua.events.year.PledgeSigned', '1', ?, ?)"""));
        }
        return (thread, iteration) -> {
            PreparedStatement insert = statements.get(thread);
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, "raw-" + run + "-" + thread);
            insert.setLong(3, iteration);
            insert.setString(4, Instant.now().toString());
            insert.setString(5, payload);
            insert.setString(6, METADATA);
            insert.executeUpdate();
        };
    }

    /**
     * One command, one event: each thread forms its own cluster of {@code memberCount} members, then opens a year and
     * signs the pledge for every member, year after year.
     */
    static Measurement.Operation commands(CommandGateway gateway, int threads, int memberCount) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<MemberUnit> members = new ArrayList<>();
        for (int m = 0; m < memberCount; m++) {
            members.add(new MemberUnit("u-" + m, "Ban Tổ chức Tỉnh ủy số " + m, "Tỉnh " + m));
        }
        ScoringTable table = new ScoringTable(List.of(new Criterion("chuyen-mon", "Nhiệm vụ", "Công tác tổ chức",
                java.math.BigDecimal.valueOf(100))), java.math.BigDecimal.ONE, java.math.BigDecimal.ONE);
        for (int t = 0; t < threads; t++) {
            gateway.sendAndWait(new FormCluster(cluster(run, t), UUID.randomUUID().toString(), "Cụm " + t,
                    "Ngành Tổ chức xây dựng Đảng", members, null));
        }
        Signatory signatory = new Signatory("Nguyễn Văn Hùng", "Trưởng ban");
        return (thread, iteration) -> {
            String clusterId = cluster(run, thread);
            int year = 2000 + (int) (iteration / (memberCount + 1));
            int step = (int) (iteration % (memberCount + 1));
            if (step == 0) {
                gateway.sendAndWait(new OpenEmulationYear(clusterId, year, UUID.randomUUID().toString(), table,
                        List.of(new PledgeTarget("t", "Hoàn thành nhiệm vụ")), LocalDate.of(year, 3, 31),
                        LocalDate.of(year, 12, 15)));
            } else {
                gateway.sendAndWait(new SignPledge(clusterId, year, "u-" + (step - 1), signatory));
            }
        };
    }

    private static String cluster(String run, int thread) {
        return "bench-" + run + "-" + thread;
    }
}
