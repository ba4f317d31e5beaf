package vn.thidua.query.scoreboard;

import vn.thidua.events.year.ParticipationEnded;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import vn.thidua.events.year.Award;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.Evidence;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.Scorecard;

/**
 * The scoreboard of one cluster's year as folded so far: a row per participant, the year's status, and the head and
 * deputy elected for the year as a term. The decision ids let a rescission undo exactly what it points at.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class Scoreboard {

    public enum Status { OPEN, RANKED, CLOSED }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Row {
        String unitId;
        String unitName;
        boolean pledgeSigned;
        boolean reportFiled;
        boolean reportLate;
        BigDecimal selfScore;
        BigDecimal assessedScore;
        /** The points per criterion behind the totals, as the unit scored itself and as the cluster assessed it. */
        Scorecard selfScorecard;
        Scorecard assessedScorecard;
        String assessmentDecisionId;
        /**
         * Every assessment of the report not rescinded, by decision, oldest first: the latest is the one in force
         * (the three fields above), and rescinding it puts the one before back in force.
         */
        Map<String, Scorecard> assessments = new LinkedHashMap<>();
        Integer rank;
        BigDecimal rankedScore;
        Award award;
        String awardDecisionId;
        /** Why the unit stopped taking part in the year under way (withdrawn, merged, transferred); null while it does. */
        ParticipationEnded.Cause participationEnded;
        /** The report in force (as filed or last amended): its summary and the evidence it rests on. */
        String reportSummary;
        List<Evidence> evidence;

        Row() {
        }

        Row(String unitId, String unitName) {
            this.unitId = unitId;
            this.unitName = unitName;
        }

        /** The assessed total where the cluster assessed the report, else the unit's own. */
        BigDecimal finalScore() {
            return rankedScore != null ? rankedScore : assessedScore != null ? assessedScore : selfScore;
        }
    }

    /** The unit elected to an office for this year's term, and the decision that elected it. */
    public record Officer(String unitId, String decisionId) {
    }

    String clusterId;
    int year;
    Status status;
    Officer head;
    Officer deputy;
    String rankingDecisionId;
    /** The scoring table's criteria, in its order, and its caps on bonus and penalty points. */
    List<Criterion> criteria = new ArrayList<>();
    BigDecimal maxBonus;
    BigDecimal maxPenalty;
    List<PledgeTarget> pledgeTargets = new ArrayList<>();
    LocalDate pledgeDeadline;
    LocalDate reportDeadline;
    /** When the latest event folded in was recorded: the instant the live scoreboard stands at. */
    Instant changedAt;
    List<Row> rows = new ArrayList<>();
    /** Not stored: rebuilt from the rows. */
    private final transient Map<String, Row> rowsByUnit = new HashMap<>();

    Scoreboard() {
    }

    public Scoreboard(String clusterId, int year) {
        this.clusterId = clusterId;
        this.year = year;
    }

    public boolean isOpened() {
        return status != null;
    }

    Row row(String unitId) {
        Row row = rowsByUnit().get(unitId);
        if (row == null) {
            throw new IllegalStateException("no participant " + unitId + " in " + year);
        }
        return row;
    }

    String nameOf(String unitId) {
        Row row = rowsByUnit().get(unitId);
        return row == null ? null : row.unitName;
    }

    /** Rows are only ever added, so an index of the same size is current. */
    private Map<String, Row> rowsByUnit() {
        if (rowsByUnit.size() != rows.size()) {
            rowsByUnit.clear();
            rows.forEach(row -> rowsByUnit.put(row.unitId, row));
        }
        return rowsByUnit;
    }
}
