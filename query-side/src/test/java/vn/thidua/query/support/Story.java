package vn.thidua.query.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

import vn.thidua.events.ClusterEvent;
import vn.thidua.events.EventCatalogue;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.ballot.MajorityBasis;
import vn.thidua.events.ballot.VoteRule;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.cluster.FlagCap;
import vn.thidua.events.cluster.HeadSelection;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.json.EventJson;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.DocumentKind;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.Scorecard;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Signatory;
import vn.thidua.events.year.Standing;
import vn.thidua.query.projection.Envelope;

/**
 * One cluster's 2017 in events, and for every event of the published family the history that makes it meaningful:
 * the fixture with which each read model's test checks that its fold has a case for every event.
 */
public final class Story {

    /** An event and what happened before it. */
    public record Step(List<ClusterEvent> before, ClusterEvent event) {
    }

    public static final String CLUSTER = "cum-2";
    public static final int YEAR = 2017;
    private static final Ballot BALLOT = new Ballot(3, 3, 3, 0, 0);
    private static final List<MemberUnit> MEMBERS = List.of(
            new MemberUnit("btc-bac-giang", "Ban Tổ chức Tỉnh ủy Bắc Giang", "Bắc Giang"),
            new MemberUnit("btc-hung-yen", "Ban Tổ chức Tỉnh ủy Hưng Yên", "Hưng Yên"),
            new MemberUnit("btc-bac-ninh", "Ban Tổ chức Tỉnh ủy Bắc Ninh", "Bắc Ninh"));
    private static final MemberUnit HA_NAM = new MemberUnit("btc-ha-nam", "Ban Tổ chức Tỉnh ủy Hà Nam", "Hà Nam");
    private static final Scorecard SCORE = new Scorecard(Map.of("chuyen-mon", BigDecimal.valueOf(55)),
            BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.valueOf(56));

    public static final ClusterFormed FORMED = new ClusterFormed(CLUSTER, "d-formed", "Cụm thi đua số 2",
            "Ngành Tổ chức xây dựng Đảng", MEMBERS, ClusterRules.defaults());
    public static final EmulationYearOpened OPENED = new EmulationYearOpened(CLUSTER, YEAR, "d-opened",
            new ScoringTable(List.of(new Criterion("chuyen-mon", "Nhiệm vụ", "Công tác tổ chức",
                    BigDecimal.valueOf(60))), BigDecimal.valueOf(5), BigDecimal.valueOf(5)),
            List.of(new PledgeTarget("hoan-thanh", "Hoàn thành toàn diện các nhiệm vụ")), LocalDate.of(YEAR, 3, 31),
            LocalDate.of(YEAR, 12, 15), MEMBERS, ClusterRules.defaults());
    public static final AnnualReportFiled FILED = new AnnualReportFiled(CLUSTER, YEAR, "btc-bac-giang",
            "Hoàn thành xuất sắc nhiệm vụ", SCORE, List.of(), false);
    public static final RankingFinalized RANKED = new RankingFinalized(CLUSTER, YEAR, "d-ranked", List.of(
            new Standing(1, "btc-bac-giang", BigDecimal.valueOf(56)), new Standing(null, "btc-hung-yen", null),
            new Standing(null, "btc-bac-ninh", null)), "Hội nghị tổng kết");
    public static final ClusterHeadElected HEAD = new ClusterHeadElected(CLUSTER, "d-head", YEAR, "btc-bac-giang",
            BALLOT, "BB số 01");
    public static final CommendationProposed PROPOSED = new CommendationProposed(CLUSTER, YEAR, "d-flag",
            "btc-bac-giang", Award.EMULATION_FLAG, BALLOT, "Biên bản số 02/BB-CTĐ2");

    private Story() {
    }

    /** For every event of the published family, one meaningful occurrence. */
    public static Map<Class<?>, Step> oneOfEach() {
        List<ClusterEvent> year = List.of(FORMED, OPENED);
        List<ClusterEvent> reported = List.of(FORMED, OPENED, FILED);
        Map<Class<?>, Step> steps = new LinkedHashMap<>();
        add(steps, List.of(), FORMED);
        add(steps, List.of(FORMED), new UnitAdmitted(CLUSTER, "d-admitted", HA_NAM, "Điều chỉnh cụm"));
        add(steps, List.of(FORMED), new UnitWithdrawn(CLUSTER, "d-withdrawn", "btc-hung-yen", "Chuyển cụm"));
        add(steps, List.of(FORMED), new UnitsMerged(CLUSTER, "d-merged", List.of("btc-bac-giang", "btc-bac-ninh"),
                new MemberUnit("btc-bac-ninh", "Ban Tổ chức Tỉnh ủy Bắc Ninh (hợp nhất)", "Bắc Ninh"),
                LocalDate.of(2025, 7, 1),
                "Sắp xếp đơn vị hành chính"));
        add(steps, List.of(), OPENED);
        add(steps, year, new PledgeSigned(CLUSTER, YEAR, "btc-bac-giang", new Signatory("Nguyễn Văn Hùng",
                "Trưởng ban"), false));
        add(steps, year, FILED);
        add(steps, reported, new AnnualReportAmended(CLUSTER, YEAR, "btc-bac-giang", "Bổ sung",
                new Scorecard(Map.of("chuyen-mon", BigDecimal.valueOf(57)), BigDecimal.ONE, BigDecimal.ZERO,
                        BigDecimal.valueOf(58)), List.of(), "Thiếu minh chứng"));
        add(steps, reported, new ReportAssessed(CLUSTER, YEAR, "d-assessed", "btc-bac-giang", new Scorecard(
                Map.of("chuyen-mon", BigDecimal.valueOf(50)), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.valueOf(50)), "Thẩm định chéo"));
        add(steps, year, HEAD);
        add(steps, year, new DeputyHeadElected(CLUSTER, "d-deputy", YEAR, "btc-hung-yen", BALLOT, "BB số 01"));
        add(steps, reported, RANKED);
        add(steps, List.of(FORMED, OPENED, FILED, RANKED), PROPOSED);
        add(steps, List.of(FORMED, OPENED, HEAD), new DecisionRescinded(CLUSTER, YEAR, "d-rescinded", "d-head",
                "ClusterHeadElected", "Kiểm phiếu sai"));
        add(steps, year, new EmulationYearClosed(CLUSTER, YEAR, "d-closed", "Khép lại năm thi đua"));
        add(steps, List.of(FORMED), new ClusterRulesAmended(CLUSTER, "d-rules", YEAR + 1, new ClusterRules(2, 3, 1, 2,
                true, 20, HeadSelection.ROTATION, Map.of(BallotKind.EMULATION_FLAG,
                new VoteRule(2, 3, MajorityBasis.PRESENT, 70, 100, false)), FlagCap.count(1)),
                "Biên bản số 03/BB-HĐTĐKT", "Quy chế mới"));
        add(steps, List.of(FORMED), new UnitTransferredOut(CLUSTER, "d-out", "btc-hung-yen", "cum-3",
                "Sắp xếp lại cụm thi đua"));
        add(steps, List.of(FORMED), new UnitTransferredIn(CLUSTER, "d-in", HA_NAM, "cum-3",
                "Sắp xếp lại cụm thi đua"));
        add(steps, List.of(FORMED), new ClustersMerged(CLUSTER, "d-clusters-merged", "cum-3", List.of(HA_NAM),
                "Hợp nhất cụm số 3 vào cụm số 2"));
        add(steps, List.of(FORMED), new RotationRosterSet(CLUSTER, "d-roster", List.of("btc-bac-ninh",
                "btc-bac-giang", "btc-hung-yen"), "Thứ tự theo quy chế của cụm"));
        add(steps, List.of(FORMED), new ClusterDissolved(CLUSTER, "d-dissolved", "cum-1",
                "Hợp nhất vào cụm số 1"));
        add(steps, List.of(FORMED, OPENED, FILED, RANKED), new DocumentIssued(CLUSTER, YEAR, "d-issued",
                DocumentKind.MINUTES, null, 2, "BB-CTĐ2", "Bắc Giang", "ab".repeat(32), 9));
        add(steps, year, new ParticipationEnded(CLUSTER, YEAR, "btc-hung-yen", ParticipationEnded.Cause.TRANSFERRED,
                null, "cum-3"));
        add(steps, year, new ParticipationBegan(CLUSTER, YEAR, HA_NAM, ParticipationBegan.Cause.TRANSFERRED_IN,
                List.of(), "cum-3"));
        add(steps, year, new MemberAdmittedDuringYear(CLUSTER, YEAR, HA_NAM));
        return steps;
    }

    private static void add(Map<Class<?>, Step> steps, List<ClusterEvent> before, ClusterEvent event) {
        steps.put(event.getClass(), new Step(before, event));
    }

    /** The event as a fold sees it; every event at the same instant, so that only the payload tells them apart. */
    public static Envelope envelope(ClusterEvent payload, long sequence) {
        return new Envelope(payload, "e-" + sequence, payload.clusterId(), sequence, Instant.EPOCH,
                java.time.LocalDate.EPOCH, "thu-ky-cum-2", "SECRETARIAT");
    }

    /**
     * Checks that the fold has a case for every event of the published family: folding the event after its history
     * changes the document, unless the read model names it among those it ignores (and then it changes nothing).
     */
    public static <S> void assertEveryEventHasACase(Supplier<S> initial, BiFunction<S, Envelope, S> fold,
                                                    List<Class<?>> ignored) {
        Map<Class<?>, Step> steps = oneOfEach();
        List<String> missing = new ArrayList<>();
        for (Class<? extends ClusterEvent> type : EventCatalogue.all()) {
            Step step = steps.get(type);
            assertThat(step).as("the story has no " + type.getSimpleName()).isNotNull();
            S state = initial.get();
            long sequence = 0;
            for (ClusterEvent earlier : step.before()) {
                state = fold.apply(state, envelope(earlier, sequence++));
            }
            String before = EventJson.mapper().writeValueAsString(state);
            String after = EventJson.mapper().writeValueAsString(fold.apply(state, envelope(step.event(), sequence)));
            if (before.equals(after) != ignored.contains(type)) {
                missing.add(type.getSimpleName() + (ignored.contains(type) ? " is said to be ignored but changes"
                        + " the document" : " has no case"));
            }
        }
        assertThat(missing).as("the fold against the published family").isEmpty();
    }
}
