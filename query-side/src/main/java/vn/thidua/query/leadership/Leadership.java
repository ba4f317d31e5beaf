package vn.thidua.query.leadership;

import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.query.narration.UnitNames;
import vn.thidua.query.projection.Envelope;

/** Head and deputy of each term, by name. A fold per cluster. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class Leadership {

    record Officer(String unitId, String decisionId) {
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Term {
        Officer head;
        Officer deputy;
    }

    UnitNames names = new UnitNames();
    TreeMap<Integer, Term> terms = new TreeMap<>();

    public static Leadership apply(Leadership leadership, Envelope event) {
        Object payload = event.payload();
        UnitNames.apply(leadership.names, payload);
        if (payload instanceof ClusterHeadElected elected) {
            leadership.term(elected.termYear()).head = new Officer(elected.unitId(), elected.decisionId());
        } else if (payload instanceof DeputyHeadElected elected) {
            leadership.term(elected.termYear()).deputy = new Officer(elected.unitId(), elected.decisionId());
        } else if (payload instanceof DecisionRescinded rescinded) {
            leadership.terms.values().forEach(term -> {
                if (term.head != null && term.head.decisionId().equals(rescinded.rescindedDecisionId())) {
                    term.head = null;
                }
                if (term.deputy != null && term.deputy.decisionId().equals(rescinded.rescindedDecisionId())) {
                    term.deputy = null;
                }
            });
        }
        return leadership;
    }

    private Term term(int termYear) {
        return terms.computeIfAbsent(termYear, year -> new Term());
    }
}
