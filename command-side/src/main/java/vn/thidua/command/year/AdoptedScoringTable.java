package vn.thidua.command.year;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import vn.thidua.command.rules.Rule;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Scorecard;

/**
 * The scoring table a year adopted, as the rules that check a scorecard against it: every criterion scored, from 0
 * to its maximum, no unknown criterion, bonus and penalty within their caps.
 */
final class AdoptedScoringTable {

    private final Map<String, BigDecimal> maxPoints = new LinkedHashMap<>();
    private final BigDecimal maxBonus;
    private final BigDecimal maxPenalty;

    AdoptedScoringTable(ScoringTable table) {
        table.criteria().forEach(criterion -> maxPoints.put(criterion.criterionId(), criterion.maxPoints()));
        this.maxBonus = table.maxBonus();
        this.maxPenalty = table.maxPenalty();
    }

    /** Checks the points against the table and returns them with their total (criteria + bonus - penalty). */
    Scorecard score(Map<String, BigDecimal> scores, BigDecimal bonus, BigDecimal penalty) {
        scores.keySet().forEach(criterionId ->
                Rule.UNKNOWN_CRITERION.require(maxPoints.containsKey(criterionId), criterionId));
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> criterion : maxPoints.entrySet()) {
            BigDecimal points = scores.get(criterion.getKey());
            Rule.SCORES_INCOMPLETE.require(points != null, criterion.getKey());
            Rule.SCORE_OUT_OF_RANGE.require(points.signum() >= 0 && points.compareTo(criterion.getValue()) <= 0,
                    criterion.getKey(), points.toPlainString(), criterion.getValue().toPlainString());
            sum = sum.add(points);
        }
        Rule.BONUS_ABOVE_CAP.require(bonus.compareTo(maxBonus) <= 0, bonus.toPlainString(), maxBonus.toPlainString());
        Rule.PENALTY_ABOVE_CAP.require(penalty.compareTo(maxPenalty) <= 0,
                penalty.toPlainString(), maxPenalty.toPlainString());
        return new Scorecard(orderedAsTable(scores), bonus, penalty, sum.add(bonus).subtract(penalty));
    }

    private Map<String, BigDecimal> orderedAsTable(Map<String, BigDecimal> scores) {
        Map<String, BigDecimal> ordered = new LinkedHashMap<>();
        maxPoints.keySet().forEach(criterionId -> ordered.put(criterionId, scores.get(criterionId)));
        return ordered;
    }
}
