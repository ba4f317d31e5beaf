package vn.thidua.query.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import vn.thidua.command.support.TestDatabase;
import vn.thidua.query.narration.Text;

/**
 * The chain on a real PostgreSQL: however the decisions reach the log (in order, shuffled, redelivered, one by one or
 * in a processor's batch), the stored chain is the one their recorded order gives.
 */
class DecisionLogIT {

    private static final int DECISIONS = 40;

    private SingleConnectionDataSource dataSource;
    private DecisionLog log;

    /** One connection, committed by hand where the processor would commit its transaction. */
    @BeforeEach
    void freshLog() throws SQLException {
        dataSource = new SingleConnectionDataSource(TestDatabase.freshDatabase("decision_log"), "postgres", "", true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/query").load().migrate();
        dataSource.getConnection().setAutoCommit(false);
        log = new DecisionLog(JdbcClient.create(dataSource), new JdbcTemplate(dataSource));
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    private void commit() throws SQLException {
        dataSource.getConnection().commit();
    }

    /** Decisions of two clusters, one a second apart, as the projection hands them over (seq and hashes unset). */
    private static List<DecisionLog.Entry> decisions() {
        return IntStream.range(0, DECISIONS).mapToObj(i -> new DecisionLog.Entry(i % 2 == 0 ? "cum-2" : "cum-3", 0,
                "e-%03d".formatted(i), "d-%03d".formatted(i), "ReportAssessed", 2017,
                "2017-12-20T02:%02d:%02d.000Z".formatted(i / 60, i % 60), "thu-ky", "SECRETARIAT",
                "{\"unitId\":\"btc-bắc-giang\",\"i\":" + i + "}", null, null,
                new Text("Đánh giá báo cáo", "Report assessed"), null, null, null)).toList();
    }

    /** The chain each cluster's decisions make in their recorded order. */
    private static List<DecisionLog.Entry> expectedChain(String clusterId) {
        List<DecisionLog.Entry> chain = new ArrayList<>();
        for (DecisionLog.Entry decision : decisions()) {
            if (decision.clusterId().equals(clusterId)) {
                DecisionLog.Entry last = chain.isEmpty() ? null : chain.get(chain.size() - 1);
                chain.add(last == null ? decision.chainedAfter(0, HashChain.GENESIS)
                        : decision.chainedAfter(last.seq(), last.hash()));
            }
        }
        return chain;
    }

    private void assertChainsAsRecorded() {
        for (String clusterId : List.of("cum-2", "cum-3")) {
            assertThat(log.entries(clusterId, null, null)).isEqualTo(expectedChain(clusterId));
            assertThat(DecisionLogController.verify(log.entries(clusterId, null, null)).valid()).isTrue();
        }
    }

    @Test
    void decisionsArrivingOneByOneInAnyOrderChainAsRecorded() throws SQLException {
        List<DecisionLog.Entry> shuffled = new ArrayList<>(decisions());
        Collections.shuffle(shuffled, new Random(7));
        for (DecisionLog.Entry decision : shuffled) {
            assertThat(log.append(decision)).isTrue();
            commit();
        }

        assertChainsAsRecorded();
    }

    @Test
    void aBatchWithLateAndRedeliveredDecisionsChainsAsRecorded() throws SQLException {
        List<DecisionLog.Entry> all = decisions();
        all.subList(0, 10).forEach(log::append);
        commit();

        List<DecisionLog.Entry> batch = new ArrayList<>(all.subList(12, DECISIONS));
        batch.add(5, all.get(11));      // recorded before entries already chained in this batch
        batch.add(all.get(3));          // redelivered: in the log before the batch began
        batch.add(all.get(20));         // redelivered within the batch
        batch.add(all.get(10));         // recorded before everything of the batch
        List<Boolean> appended = new ArrayList<>();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        batch.forEach(decision -> appended.add(log.append(decision)));
        unitOfWork.commit();
        commit();

        Set<String> held = new HashSet<>();
        all.subList(0, 10).forEach(decision -> held.add(decision.decisionId()));
        assertThat(appended).isEqualTo(batch.stream().map(decision -> held.add(decision.decisionId())).toList());
        assertChainsAsRecorded();
    }

    @Test
    void aRescissionMarksADecisionStillWaitingInItsBatch() throws SQLException {
        List<DecisionLog.Entry> all = decisions();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        all.forEach(log::append);
        log.markRescinded("d-004", "d-999");
        unitOfWork.commit();
        commit();

        assertThat(log.entries("cum-2", null, null))
                .filteredOn(entry -> entry.rescindedBy() != null)
                .extracting(DecisionLog.Entry::decisionId).containsExactly("d-004");
    }
}
