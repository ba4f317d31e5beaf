package vn.thidua.query.cluster;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.ballot.VoteRule;
import vn.thidua.events.cluster.FlagCap;
import vn.thidua.events.cluster.HeadSelection;
import vn.thidua.events.cluster.Roster;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.ReadGate;
import vn.thidua.query.projection.VersionsSeen;
import vn.thidua.query.scoreboard.ScoreboardQueries;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

@RestController
@Tag(name = "clusters")
public class ClusterController {

    public record HeadView(String unitId, String name, int termYear) {
    }

    public record ClusterSummary(String clusterId, String name, String sector, long memberCount, HeadView head,
                                 ClusterDocument.ClusterStatus status) {
    }

    /**
     * Rules in force from {@code fromYear} on (absent for those adopted at formation), by the decision named, as
     * recorded ({@code rules}) and as they apply: each kind's vote, the flag cap and the head's selection, defaults
     * resolved.
     */
    public record RulesView(Integer fromYear, String decisionId, String minutesRef, ClusterRules rules,
                            Map<BallotKind, VoteRule> votesInForce, FlagCap flagCapInForce,
                            HeadSelection headSelectionInForce) {

        static RulesView of(ClusterDocument.RulesInForce recorded) {
            ClusterRules rules = recorded.rules();
            Map<BallotKind, VoteRule> votes = new EnumMap<>(BallotKind.class);
            Arrays.stream(BallotKind.values()).forEach(kind -> votes.put(kind, rules.voteFor(kind)));
            return new RulesView(recorded.fromYear(), recorded.decisionId(), recorded.minutesRef(), rules, votes,
                    rules.flagCapInForce(), rules.headSelectionInForce());
        }
    }

    /**
     * {@code rules} as adopted at formation; {@code rulesInForce} those and each amendment from its year;
     * {@code status} ACTIVE or DISSOLVED, with the clusters merged into it ({@code predecessors}) and the one it merged
     * into ({@code successor}); {@code version} the cluster's, for {@code If-Match} on the council's commands.
     */
    public record ClusterDetail(String clusterId, String name, String sector, List<ClusterDocument.Member> members,
                                ClusterRules rules, List<RulesView> rulesInForce,
                                ClusterDocument.ClusterStatus status, List<String> predecessors, String successor,
                                long version) {
    }

    /** One on the roster: a member in the order the head's office passes, with its status. */
    public record RosterPlace(String unitId, String name, ClusterDocument.MemberStatus status) {
    }

    /**
     * Who heads the cluster next: how it chooses its head, the roster the office rotates along, the latest head
     * elected and the next in rotation for the term after it (the first on the roster before any election).
     */
    public record RotationView(String clusterId, HeadSelection headSelection, List<RosterPlace> roster,
                               HeadView latestHead, NextHead nextInRotation) {
    }

    /** The next in rotation and the term it would head ({@code termYear} unknown before any head was elected). */
    public record NextHead(String unitId, String name, Integer termYear) {
    }

    private final DocumentStore documents;
    private final ReadGate gate;
    private final ScoreboardQueries scoreboards;
    private final VersionsSeen versions;

    public ClusterController(DocumentStore documents, ReadGate gate, ScoreboardQueries scoreboards,
                             VersionsSeen versions) {
        this.documents = documents;
        this.gate = gate;
        this.scoreboards = scoreboards;
        this.versions = versions;
    }

    @Operation(summary = "Các cụm thi đua · The clusters")
    @GetMapping("/api/clusters")
    public List<ClusterSummary> clusters(@RequestParam(required = false) Long minPosition) {
        gate.enter(ClusterProjection.MODEL, minPosition);
        return documents.loadAll(ClusterProjection.MODEL, ClusterDocument.class).stream()
                .filter(ClusterDocument::isFormed)
                .map(cluster -> new ClusterSummary(cluster.clusterId, cluster.name, cluster.sector,
                        cluster.activeMembers(), latestHead(cluster), cluster.status))
                .toList();
    }

    @Operation(summary = "Một cụm: thành viên và quy chế · A cluster: members and rules")
    @Problems({Problem.CLUSTER_NOT_FOUND})
    @GetMapping("/api/clusters/{clusterId}")
    public ClusterDetail cluster(@PathVariable String clusterId, @RequestParam(required = false) Long minPosition) {
        ClusterDocument cluster = formed(clusterId, minPosition);
        return new ClusterDetail(cluster.clusterId, cluster.name, cluster.sector, cluster.members, cluster.rules,
                cluster.rulesInForce().stream().map(RulesView::of).toList(), cluster.status, cluster.predecessors,
                cluster.successor, versions.versionSeenBy(ClusterProjection.MODEL, clusterId));
    }

    @Operation(summary = "Luân phiên Cụm trưởng: đơn vị kế tiếp · The head's rotation: who is next")
    @Problems({Problem.CLUSTER_NOT_FOUND})
    @GetMapping("/api/clusters/{clusterId}/rotation")
    public RotationView rotation(@PathVariable String clusterId, @RequestParam(required = false) Long minPosition) {
        ClusterDocument cluster = formed(clusterId, minPosition);
        HeadView latest = latestHead(cluster);
        List<String> roster = cluster.rosterOrder();
        Set<String> active = cluster.members.stream()
                .filter(member -> member.status() == ClusterDocument.MemberStatus.ACTIVE)
                .map(ClusterDocument.Member::unitId).collect(Collectors.toSet());
        NextHead next = Roster.next(roster, active, latest == null ? null : latest.unitId())
                .map(unitId -> new NextHead(unitId, cluster.nameOf(unitId),
                        latest == null ? null : latest.termYear() + 1))
                .orElse(null);
        int nextTerm = latest == null ? Integer.MIN_VALUE : latest.termYear() + 1;
        return new RotationView(cluster.clusterId, cluster.rulesFor(nextTerm).headSelectionInForce(),
                roster.stream().map(cluster::member).map(member -> new RosterPlace(member.unitId(), member.name(),
                        member.status())).toList(), latest, next);
    }

    /** The years the cluster has opened, each with its scoreboard's status. */
    @Operation(summary = "Các năm thi đua của cụm · The years a cluster opened")
    @Problems({Problem.CLUSTER_NOT_FOUND})
    @GetMapping("/api/clusters/{clusterId}/years")
    public List<ScoreboardQueries.YearSummary> years(@PathVariable String clusterId,
                                                     @RequestParam(required = false) Long minPosition) {
        List<ScoreboardQueries.YearSummary> years = scoreboards.years(clusterId, minPosition);
        if (years.isEmpty()) {
            // No year yet, or no such cluster: the cluster's model must have reached the same position to tell.
            cluster(clusterId, minPosition);
        }
        return years;
    }

    private ClusterDocument formed(String clusterId, Long minPosition) {
        gate.enter(ClusterProjection.MODEL, minPosition);
        return documents.load(ClusterProjection.MODEL, clusterId, ClusterDocument.class)
                .map(DocumentStore.Stored::state).filter(ClusterDocument::isFormed)
                .orElseThrow(() -> Problem.CLUSTER_NOT_FOUND.raise(clusterId));
    }

    private static HeadView latestHead(ClusterDocument cluster) {
        Map.Entry<Integer, ClusterDocument.Head> latest = cluster.headsByTerm.lastEntry();
        return latest == null ? null
                : new HeadView(latest.getValue().unitId(), cluster.nameOf(latest.getValue().unitId()), latest.getKey());
    }
}
