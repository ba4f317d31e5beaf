package vn.thidua.query.unitrecord;

import vn.thidua.events.year.ParticipationEnded;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import vn.thidua.events.leadership.Office;
import vn.thidua.events.year.Award;

/**
 * One unit's years across clusters: ranks, scores, awards, offices; the clusters it was a member of, when and how it
 * joined and left each; and where it came from or went in a merger of units.
 */
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
        /** Why the unit stopped taking part in this cluster's year while it was under way; null if it did not. */
        ParticipationEnded.Cause participationEnded;

        Year() {
        }

        Year(String clusterId, int year) {
            this.clusterId = clusterId;
            this.year = year;
        }
    }

    /**
     * A stay in one cluster: from the day it joined (and how: the decision's type, and the cluster it came from in a
     * transfer or a merger of clusters) until the day it left (how, and where to), open while it is a member.
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Membership {
        String clusterId;
        LocalDate from;
        String joinedBy;
        String fromClusterId;
        LocalDate until;
        String leftBy;
        String toClusterId;
    }

    String unitId;
    String name;
    List<Membership> clusters = new ArrayList<>();
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

    void join(String clusterId, LocalDate day, String joinedBy, String fromClusterId) {
        Membership stay = new Membership();
        stay.clusterId = clusterId;
        stay.from = day;
        stay.joinedBy = joinedBy;
        stay.fromClusterId = fromClusterId;
        clusters.add(stay);
    }

    void leave(String clusterId, LocalDate day, String leftBy, String toClusterId) {
        clusters.stream().filter(stay -> stay.clusterId.equals(clusterId) && stay.leftBy == null)
                .forEach(stay -> {
                    stay.until = day;
                    stay.leftBy = leftBy;
                    stay.toClusterId = toClusterId;
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
