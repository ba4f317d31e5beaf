package vn.thidua.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import vn.thidua.events.ClusterEvent;
import vn.thidua.events.YearEvent;
import vn.thidua.events.YearId;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.json.EventJson;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.Scorecard;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Signatory;
import vn.thidua.events.year.Standing;
import vn.thidua.query.cluster.ClusterDocument;
import vn.thidua.query.leadership.Leadership;
import vn.thidua.query.scoreboard.Scoreboard;
import vn.thidua.query.scoreboard.ScoreboardFold;
import vn.thidua.query.store.EventStoreReadConfiguration;
import vn.thidua.query.support.Story;
import vn.thidua.query.unitrecord.UnitRecordFoldTest.Records;

/**
 * Any interleaving of a generated history across a processor's segments, as each read model's sequencing policy
 * splits it, gives the same documents as one sequential fold: for the models kept per cluster or year with segments
 * sequenced by cluster, and for the unit record in one sequence. Histories span several clusters, each merging units
 * into one successor they share, the case that lost predecessors when the unit record was sequenced by cluster.
 */
class InterleavingProperties {

    private static final int SEGMENTS = 4;
    private static final EventStoreReadConfiguration POLICIES = new EventStoreReadConfiguration();
    private static final Ballot BALLOT = new Ballot(3, 3, 3, 0, 0);

    /** A read model as the projection runs it: which document an event goes to, and the fold. */
    private record Model(String name, SequencingPolicy<EventMessage<?>> policy, Function<ClusterEvent, String> key,
                         Function<String, Object> initial, Folding fold) {
    }

    private interface Folding {
        Object apply(Object document, Envelope event);
    }

    private static List<Model> models() {
        return List.of(
                new Model("scoreboard", POLICIES.byCluster(), InterleavingProperties::yearKey,
                        key -> new Scoreboard(key.split(":")[0], Integer.parseInt(key.split(":")[1])),
                        (document, event) -> ScoreboardFold.apply((Scoreboard) document, event)),
                new Model("clusters", POLICIES.byCluster(), ClusterEvent::clusterId, key -> new ClusterDocument(),
                        (document, event) -> ClusterDocument.apply((ClusterDocument) document, event)),
                new Model("leadership", POLICIES.byCluster(), ClusterEvent::clusterId, key -> new Leadership(),
                        (document, event) -> Leadership.apply((Leadership) document, event)),
                new Model("unit-record", POLICIES.inOneSequence(), event -> "all", key -> new Records(),
                        (document, event) -> ((Records) document).fold(event)));
    }

    private static String yearKey(ClusterEvent event) {
        int year = event instanceof YearEvent yearEvent ? yearEvent.year()
                : event instanceof ClusterHeadElected elected ? elected.termYear()
                : event instanceof DecisionRescinded rescinded && rescinded.year() != null ? rescinded.year() : 0;
        return YearId.of(event.clusterId(), year);
    }

    @Property(tries = 150)
    void anyInterleavingOfSegmentsGivesTheDocumentsOfOneSequentialFold(@ForAll long seed) {
        Random random = new Random(seed);
        List<ClusterEvent> history = history(random);
        for (Model model : models()) {
            assertThat(fold(model, segmentsInterleaved(model, history, random))).as(model.name())
                    .isEqualTo(fold(model, history));
        }
    }

    /** Why the unit record runs in one sequence: split by cluster, the shared successor's record depends on timing. */
    @Example
    void theUnitRecordSplitByClusterWouldDependOnWhichSegmentRanFirst() {
        Model byCluster = new Model("unit-record by cluster", POLICIES.byCluster(), event -> "all",
                key -> new Records(), (document, event) -> ((Records) document).fold(event));
        List<ClusterEvent> history = history(new Random(7));
        boolean differs = false;
        for (long seed = 0; seed < 50 && !differs; seed++) {
            differs = !fold(byCluster, segmentsInterleaved(byCluster, history, new Random(seed)))
                    .equals(fold(byCluster, history));
        }
        assertThat(differs).isTrue();
    }

    /** Events to segments by the model's policy; then segments take turns at random, each in its own order. */
    private static List<ClusterEvent> segmentsInterleaved(Model model, List<ClusterEvent> history, Random random) {
        List<Deque<ClusterEvent>> segments = new ArrayList<>();
        for (int s = 0; s < SEGMENTS; s++) {
            segments.add(new ArrayDeque<>());
        }
        for (ClusterEvent event : history) {
            Object sequence = model.policy().getSequenceIdentifierFor(GenericEventMessage.asEventMessage(event));
            segments.get(Math.floorMod(sequence.hashCode(), SEGMENTS)).add(event);
        }
        List<ClusterEvent> processed = new ArrayList<>();
        while (processed.size() < history.size()) {
            Deque<ClusterEvent> segment = segments.get(random.nextInt(SEGMENTS));
            if (!segment.isEmpty()) {
                processed.add(segment.poll());
            }
        }
        return processed;
    }

    private static Map<String, String> fold(Model model, List<ClusterEvent> events) {
        Map<String, Object> documents = new LinkedHashMap<>();
        long sequence = 0;
        for (ClusterEvent event : events) {
            String key = model.key().apply(event);
            Object document = documents.computeIfAbsent(key, model.initial());
            documents.put(key, model.fold().apply(document, Story.envelope(event, sequence++)));
        }
        Map<String, String> json = new TreeMap<>();
        documents.forEach((key, document) -> json.put(key, EventJson.mapper().writeValueAsString(document)));
        return json;
    }

    /** Two to four clusters, each living its year in its own order, all merging two units into one successor. */
    private static List<ClusterEvent> history(Random random) {
        List<Deque<ClusterEvent>> clusters = new ArrayList<>();
        int count = 2 + random.nextInt(3);
        for (int k = 0; k < count; k++) {
            clusters.add(new ArrayDeque<>(clusterHistory("cum-" + k, random)));
        }
        List<ClusterEvent> history = new ArrayList<>();
        while (clusters.stream().anyMatch(cluster -> !cluster.isEmpty())) {
            Deque<ClusterEvent> cluster = clusters.get(random.nextInt(count));
            if (!cluster.isEmpty()) {
                history.add(cluster.poll());
            }
        }
        return history;
    }

    private static List<ClusterEvent> clusterHistory(String clusterId, Random random) {
        List<MemberUnit> members = new ArrayList<>();
        for (String suffix : List.of("a", "b", "c")) {
            members.add(new MemberUnit(clusterId + "-" + suffix, "Ban Tổ chức " + clusterId + " " + suffix, "Tỉnh"));
        }
        int year = 2017;
        List<ClusterEvent> events = new ArrayList<>(List.of(
                new ClusterFormed(clusterId, clusterId + "-formed", "Cụm " + clusterId, "Ngành", members,
                        ClusterRules.defaults()),
                new EmulationYearOpened(clusterId, year, clusterId + "-opened", new ScoringTable(List.of(
                        new Criterion("c", "A", "Tiêu chí", BigDecimal.valueOf(100))), BigDecimal.ONE,
                        BigDecimal.ONE), List.of(), LocalDate.of(year, 3, 31), LocalDate.of(year, 12, 15), members,
                        ClusterRules.defaults())));
        List<Standing> standings = new ArrayList<>();
        for (MemberUnit member : members) {
            if (random.nextBoolean()) {
                events.add(new PledgeSigned(clusterId, year, member.unitId(), new Signatory("A", "Trưởng ban"),
                        false));
            }
            int points = 50 + random.nextInt(50);
            events.add(new AnnualReportFiled(clusterId, year, member.unitId(), "Báo cáo", card(points), List.of(),
                    random.nextBoolean()));
            if (random.nextBoolean()) {
                events.add(new ReportAssessed(clusterId, year, clusterId + "-assessed-" + member.unitId(),
                        member.unitId(), card(points - 1), "Thẩm định"));
            }
            standings.add(new Standing(standings.size() + 1, member.unitId(), BigDecimal.valueOf(points)));
        }
        events.add(new ClusterHeadElected(clusterId, clusterId + "-head", year + random.nextInt(2),
                members.get(random.nextInt(3)).unitId(), BALLOT, "BB"));
        events.add(new RankingFinalized(clusterId, year, clusterId + "-ranked", standings, "Tổng kết"));
        events.add(new UnitsMerged(clusterId, clusterId + "-merged", List.of(members.get(0).unitId(),
                members.get(1).unitId()), new MemberUnit("dv-hop-nhat", "Đơn vị hợp nhất", "Tỉnh"),
                LocalDate.of(2025, 7, 1), "Sắp xếp"));
        return events;
    }

    private static Scorecard card(int points) {
        return new Scorecard(Map.of("c", BigDecimal.valueOf(points)), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.valueOf(points));
    }
}
