package vn.thidua.command.year;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import vn.thidua.events.year.Standing;

/**
 * Standard competition ranking ("1, 2, 2, 4"): a unit's rank is one more than the number of units with a strictly
 * higher final score. Ties are listed by unit id so the order is reproducible; units without a score come last,
 * unranked, in the order of the participants.
 */
final class Ranking {

    private Ranking() {
    }

    static List<Standing> standings(List<String> participants, Map<String, BigDecimal> finalScores) {
        List<String> scored = participants.stream()
                .filter(finalScores::containsKey)
                .sorted(Comparator.comparing((String unitId) -> finalScores.get(unitId)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        List<Standing> standings = new ArrayList<>();
        for (int position = 0; position < scored.size(); position++) {
            String unitId = scored.get(position);
            BigDecimal score = finalScores.get(unitId);
            boolean tiedWithPrevious = position > 0
                    && finalScores.get(scored.get(position - 1)).compareTo(score) == 0;
            int rank = tiedWithPrevious ? standings.get(position - 1).rank() : position + 1;
            standings.add(new Standing(rank, unitId, score));
        }
        participants.stream()
                .filter(unitId -> !finalScores.containsKey(unitId))
                .forEach(unitId -> standings.add(new Standing(null, unitId, null)));
        return standings;
    }
}
