package vn.thidua.query.scoreboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import vn.thidua.events.year.Award;

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
        String assessmentDecisionId;
        Integer rank;
        BigDecimal rankedScore;
        Award award;
        String awardDecisionId;

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
    /** When the latest event folded in was recorded: the instant the live scoreboard stands at. */
    Instant changedAt;
    List<Row> rows = new ArrayList<>();

    Scoreboard() {
    }

    Scoreboard(String clusterId, int year) {
        this.clusterId = clusterId;
        this.year = year;
    }

    boolean isOpened() {
        return status != null;
    }

    Row row(String unitId) {
        return rows.stream().filter(row -> row.unitId.equals(unitId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no participant " + unitId + " in " + year));
    }

    String nameOf(String unitId) {
        return rows.stream().filter(row -> row.unitId.equals(unitId)).map(row -> row.unitName).findFirst()
                .orElse(null);
    }
}
