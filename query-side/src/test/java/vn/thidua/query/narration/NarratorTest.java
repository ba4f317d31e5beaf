package vn.thidua.query.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.thidua.events.ClusterEvent;
import vn.thidua.events.EventCatalogue;
import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionType;
import vn.thidua.query.support.Story;

/** The timeline and the decision log say every event in words: none falls through to its bare type name. */
class NarratorTest {

    @Test
    void everyEventOfThePublishedFamilyIsToldInVietnameseAndEnglish() {
        List<String> untold = new ArrayList<>();
        UnitNames names = UnitNames.apply(new UnitNames(), Story.FORMED);
        for (Class<? extends ClusterEvent> type : EventCatalogue.all()) {
            ClusterEvent event = Story.oneOfEach().get(type).event();
            Text text = Narrator.describe(event, names);
            if (text.vi().equals(type.getSimpleName()) || text.en().equals(type.getSimpleName())) {
                untold.add(type.getSimpleName());
            }
            if (event instanceof Decision decision) {
                assertThat(DecisionType.of(decision).code()).isNotBlank();
            }
        }
        assertThat(untold).isEmpty();
        assertThat(Narrator.describe(Story.PROPOSED, names).vi())
                .contains("Ban Tổ chức Tỉnh ủy Bắc Giang").contains("Cờ thi đua");
    }
}
