package vn.thidua.command.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import vn.thidua.command.cluster.ClusterCommands.MergeClusters;
import vn.thidua.command.cluster.ClusterCommands.TransferUnit;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.year.YearsUnderWay;
import vn.thidua.command.web.RequestMetadata;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.events.cluster.MemberUnit;

/**
 * The council's decisions that change two clusters at once (the 2025 reorganisation re-formed clusters): a unit's
 * transfer, also in the middle of a year, and one cluster merged into another, between years. Both clusters record their side in one unit of work, so both sides
 * are stored in the same transaction or neither is; each side judges its own rules.
 */
@Component
public class Reorganisation {

    private final Repository<Cluster> clusters;

    public Reorganisation(@Qualifier("clusterRepository") Repository<Cluster> clusters) {
        this.clusters = clusters;
    }

    /** Returns the receiving cluster's version: its event is the command's last. */
    @CommandHandler
    public long handle(TransferUnit command, MetaData metaData, YearsUnderWay yearsUnderWay) {
        Rule.SAME_CLUSTER.require(!command.fromClusterId().equals(command.toClusterId()), command.toClusterId());
        Aggregate<Cluster> from = load(command.fromClusterId());
        Aggregate<Cluster> to = load(command.toClusterId());
        requireExpectedVersion(metaData, from);
        MemberUnit unit = from.invoke(cluster -> cluster.member(command.unitId()));
        from.execute(cluster -> cluster.transferOut(command, metaData, yearsUnderWay));
        to.execute(cluster -> cluster.transferIn(command, unit, receivingSide(command.decisionId()), metaData,
                yearsUnderWay));
        return to.version();
    }

    /** Returns the absorbing cluster's version: its event is the command's last. */
    @CommandHandler
    public long handle(MergeClusters command, MetaData metaData, ClusterYears years) {
        Rule.SAME_CLUSTER.require(!command.absorbedClusterId().equals(command.absorbingClusterId()),
                command.absorbingClusterId());
        Aggregate<Cluster> absorbed = load(command.absorbedClusterId());
        Aggregate<Cluster> absorbing = load(command.absorbingClusterId());
        requireExpectedVersion(metaData, absorbed);
        List<MemberUnit> units = absorbed.invoke(cluster -> cluster.dissolveInto(command,
                receivingSide(command.decisionId()), metaData, years));
        absorbing.execute(cluster -> cluster.absorb(command, units, metaData, years));
        return absorbing.version();
    }

    /**
     * The id of the second cluster's record of one council decision: every decision-log entry has its own id, and a
     * repeated keyed request must derive the same one.
     */
    static String receivingSide(String decisionId) {
        return UUID.nameUUIDFromBytes((decisionId + "\nother cluster").getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * {@code If-Match} names the version of the cluster the request's path names (the one a unit leaves, the one
     * merged away): a client that saw it older is refused 412, as on every command of one cluster.
     */
    private static void requireExpectedVersion(MetaData metaData, Aggregate<Cluster> addressed) {
        Object expected = metaData.get(RequestMetadata.EXPECTED_VERSION);
        if (expected != null && !expected.toString().equals(String.valueOf(addressed.version()))) {
            throw RequestRefusal.VERSION_STALE.refuse(expected);
        }
    }

    private Aggregate<Cluster> load(String clusterId) {
        try {
            return clusters.load(clusterId);
        } catch (AggregateNotFoundException e) {
            throw Rule.CLUSTER_NOT_FOUND.refuse(clusterId);
        }
    }
}
