package vn.thidua.command.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thidua.command.cluster.ClusterYears;
import vn.thidua.command.leadership.ElectOfficer;
import vn.thidua.command.rules.Refusal;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.rules.RuleViolation;
import vn.thidua.command.store.EventStoreConfiguration;
import vn.thidua.command.web.CommandDispatcher;
import vn.thidua.command.web.Recorded;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.command.year.EmulationYear;
import vn.thidua.command.year.YearCommands.OpenEmulationYear;
import vn.thidua.events.time.ActDate;

/**
 * Records a past year's acts read from its workbook, each through the same command and rules as if it were entered
 * live, dated by its row, all in one transaction: a dry run, or any refusal, rolls every act back; otherwise all are
 * committed together. Each act runs under a savepoint, so that a refused act leaves the next ones to be judged on the
 * acts before it, and the answer lists every refusal at once. An act the database itself refuses (a race with another
 * writer) ends the transaction (Axon rolls the connection back on a failed append): the import stops there, refused.
 */
@Component
public class YearImport {

    /** What an import did or would do: the acts read, the refusals by row, the position of the last act recorded. */
    public record Outcome(int acts, List<YearWorkbook.RowRefusal> refusals, Long position) {

        public boolean accepted() {
            return refusals.isEmpty();
        }
    }

    private final CommandDispatcher commands;
    private final ClusterYears years;
    private final TransactionTemplate all;
    private final TransactionTemplate each;
    private final Cache aggregates;

    public YearImport(CommandDispatcher commands, ClusterYears years, PlatformTransactionManager transactions,
                      @Qualifier(EventStoreConfiguration.AGGREGATE_CACHE) Cache aggregates) {
        this.commands = commands;
        this.years = years;
        this.all = new TransactionTemplate(transactions);
        this.each = new TransactionTemplate(transactions);
        this.each.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.aggregates = aggregates;
    }

    public Outcome run(String clusterId, int year, byte[] workbook, boolean dryRun) {
        YearWorkbook.Read read = YearWorkbook.read(workbook, clusterId, year);
        List<YearWorkbook.RowRefusal> refusals = new ArrayList<>(read.refusals());
        if (read.acts().isEmpty() && refusals.isEmpty()) {
            refusals.add(new YearWorkbook.RowRefusal("", 0, "WORKBOOK_EMPTY", Map.of(
                    "vi", "Bảng tính không có việc nào để nhập.", "en", "The workbook holds no act to import.")));
        }
        Long[] position = {null};
        try {
            all.executeWithoutResult(transaction -> {
                for (YearWorkbook.Act act : read.acts()) {
                    try {
                        if (act.command() instanceof OpenEmulationYear && years.opened(clusterId, year)) {
                            throw Rule.YEAR_ALREADY_OPENED.refuse(year);
                        }
                        Recorded recorded = each.execute(savepoint -> record(act, clusterId, year));
                        position[0] = recorded.position();
                    } catch (TransactionSystemException ended) {
                        refusals.add(refusal(act, RequestRefusal.CONCURRENT_CHANGE.refuse().refusal()));
                        break;
                    } catch (RuleViolation refused) {
                        Refusal refusal = refused.refusal();
                        if (refusal.status() == 503) {
                            throw refused;
                        }
                        refusals.add(refusal(act, refusal));
                    }
                }
                if (dryRun || !refusals.isEmpty()) {
                    transaction.setRollbackOnly();
                }
            });
        } finally {
            if (dryRun || !refusals.isEmpty()) {
                // What the rolled-back acts did to the cached year is gone with them.
                aggregates.remove(EmulationYear.idOf(clusterId, year));
            }
        }
        return new Outcome(read.acts().size(), refusals, dryRun || !refusals.isEmpty() ? null : position[0]);
    }

    private static YearWorkbook.RowRefusal refusal(YearWorkbook.Act act, Refusal refusal) {
        return new YearWorkbook.RowRefusal(act.sheet(), act.row(), refusal.code(),
                Map.of("vi", refusal.vietnamese(), "en", refusal.english()));
    }

    private Recorded record(YearWorkbook.Act act, String clusterId, int year) {
        Map<String, String> day = Map.of(ActDate.OCCURRED_ON, act.occurredOn().toString());
        boolean ofTheCluster = act.command() instanceof OpenEmulationYear || act.command() instanceof ElectOfficer;
        return commands.sendOneOfMany(act.command(), day, ofTheCluster ? Rule.CLUSTER_NOT_FOUND.refuse(clusterId)
                : Rule.YEAR_NOT_FOUND.refuse(clusterId, year), Rule.YEAR_ALREADY_OPENED.refuse(year));
    }
}
