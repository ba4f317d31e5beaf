package vn.thidua.query.unitrecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import vn.thidua.events.leadership.Office;
import vn.thidua.events.year.Award;

/** One unit's years across clusters: ranks, scores, awards, offices; and where it came from or went in a merger. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class UnitRecord {

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Year {
        String clusterId;
        int year;
        Integer rank;
        BigDecimal finalScore;
        String rankingDecisionId;
        Award award;
        String awardDecisionId;
        Office office;
        String officeDecisionId;

        Year() {
        }

        Year(String clusterId, int year) {
            this.clusterId = clusterId;
            this.year = year;
        }
    }

    String unitId;
    String name;
    List<Year> years = new ArrayList<>();
    List<String> predecessors = new ArrayList<>();
    String successor;

    UnitRecord() {
    }

    UnitRecord(String unitId) {
        this.unitId = unitId;
    }

    Year year(String clusterId, int year) {
        return years.stream().filter(y -> y.clusterId.equals(clusterId) && y.year == year).findFirst()
                .orElseGet(() -> {
                    Year added = new Year(clusterId, year);
                    years.add(added);
                    return added;
                });
    }

    /** Undoes whatever the rescinded decision had put in this record. */
    void rescind(String decisionId) {
        for (Year y : years) {
            if (decisionId.equals(y.rankingDecisionId)) {
                y.rank = null;
                y.finalScore = null;
                y.rankingDecisionId = null;
            }
            if (decisionId.equals(y.awardDecisionId)) {
                y.award = null;
                y.awardDecisionId = null;
            }
            if (decisionId.equals(y.officeDecisionId)) {
                y.office = null;
                y.officeDecisionId = null;
            }
        }
    }
}
