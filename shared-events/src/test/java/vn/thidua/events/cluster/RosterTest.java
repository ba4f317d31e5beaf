package vn.thidua.events.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RosterTest {

    private static final List<String> ROSTER = List.of("bac-giang", "hung-yen", "hai-duong", "quang-ninh");
    private static final Set<String> EVERYONE = Set.copyOf(ROSTER);

    @Test
    void theFirstOnTheRosterHeadsFirst() {
        assertThat(Roster.next(ROSTER, EVERYONE, null)).contains("bac-giang");
    }

    @Test
    void theOfficePassesAlongTheRosterAndWrapsRound() {
        assertThat(Roster.next(ROSTER, EVERYONE, "bac-giang")).contains("hung-yen");
        assertThat(Roster.next(ROSTER, EVERYONE, "quang-ninh")).contains("bac-giang");
    }

    @Test
    void membersWhoLeftArePassedOverAndAHeadWhoLeftStillMarksThePlace() {
        Set<String> withoutHungYen = Set.of("bac-giang", "hai-duong", "quang-ninh");
        assertThat(Roster.next(ROSTER, withoutHungYen, "bac-giang")).contains("hai-duong");
        assertThat(Roster.next(ROSTER, Set.of("bac-giang", "quang-ninh"), "hung-yen")).contains("quang-ninh");
    }

    @Test
    void aHeadNotOnTheRosterIsFollowedByTheFirst() {
        assertThat(Roster.next(ROSTER, EVERYONE, "ha-noi")).contains("bac-giang");
    }

    @Test
    void aSoleMemberHeadsAgainAndAnEmptyClusterHasNoNext() {
        assertThat(Roster.next(ROSTER, Set.of("hai-duong"), "hai-duong")).contains("hai-duong");
        assertThat(Roster.next(ROSTER, Set.of(), "hai-duong")).isEmpty();
    }
}
