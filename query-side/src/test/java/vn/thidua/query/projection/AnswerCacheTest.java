package vn.thidua.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AnswerCacheTest {

    /** The change channel without a database: the test says what is heard and whether it listens. */
    private static final class Channel extends ReadModelChanges {
        long connection = 1;

        Channel() {
            super(null, null);
        }

        @Override
        public long listening() {
            return connection;
        }
    }

    private final Channel channel = new Channel();
    private final AnswerCache<String> cache = new AnswerCache<>("scoreboard", channel);
    private final AtomicInteger computed = new AtomicInteger();

    private String answer() {
        return "answer " + computed.incrementAndGet();
    }

    @Test
    void anAnswerIsKeptUntilAChangeToItsDocumentIsHeard() {
        assertThat(cache.get("cum-2:2017", this::answer)).isEqualTo("answer 1");
        assertThat(cache.get("cum-2:2017", this::answer)).isEqualTo("answer 1");

        channel.dispatch("scoreboard|cum-2:2018");
        channel.dispatch("timeline|cum-2:2017");
        assertThat(cache.get("cum-2:2017", this::answer)).as("other documents changed").isEqualTo("answer 1");

        channel.dispatch("scoreboard|cum-2:2017");
        assertThat(cache.get("cum-2:2017", this::answer)).isEqualTo("answer 2");
        assertThat(cache.get("cum-2:2017", this::answer)).isEqualTo("answer 2");
    }

    @Test
    void aChangeHeardWhileComputingLeavesTheAnswerOutdated() {
        assertThat(cache.get("cum-2:2017", () -> {
            String stale = answer();
            channel.dispatch("scoreboard|cum-2:2017");
            return stale;
        })).isEqualTo("answer 1");

        assertThat(cache.get("cum-2:2017", this::answer)).isEqualTo("answer 2");
    }

    @Test
    void nothingIsKeptWhileTheChannelIsDownNorTrustedAfterItReconnects() {
        cache.get("cum-2:2017", this::answer);
        channel.connection = ReadModelChanges.NOT_LISTENING;
        assertThat(cache.get("cum-2:2017", this::answer)).isEqualTo("answer 2");
        assertThat(cache.get("cum-2:2017", this::answer)).isEqualTo("answer 3");

        channel.connection = 2;
        assertThat(cache.get("cum-2:2017", this::answer)).as("kept under the lost connection").isEqualTo("answer 4");
        assertThat(cache.get("cum-2:2017", this::answer)).isEqualTo("answer 4");
    }

    @Test
    void aRefreshComputesAfreshAndKeepsTheNewAnswer() {
        cache.get("cum-2:2017", this::answer);
        assertThat(cache.refresh("cum-2:2017", this::answer)).isEqualTo("answer 2");
        assertThat(cache.get("cum-2:2017", this::answer)).isEqualTo("answer 2");
    }

    @Test
    void aChangeToADocumentDropsTheAnswersToEveryQuestionAboutIt() {
        AnswerCache<String> log = new AnswerCache<>("decision-log", channel);
        assertThat(log.get("cum-2", "2017", this::answer)).isEqualTo("answer 1");
        assertThat(log.get("cum-2", "2018", this::answer)).isEqualTo("answer 2");
        assertThat(log.get("cum-3", "2017", this::answer)).isEqualTo("answer 3");
        assertThat(log.get("cum-2", "2017", this::answer)).isEqualTo("answer 1");

        channel.dispatch("decision-log|cum-2");
        assertThat(log.get("cum-2", "2017", this::answer)).isEqualTo("answer 4");
        assertThat(log.get("cum-2", "2018", this::answer)).isEqualTo("answer 5");
        assertThat(log.get("cum-3", "2017", this::answer)).as("another cluster's").isEqualTo("answer 3");
    }

    @Test
    void noMoreDocumentsAreKeptThanTheBound() {
        for (int key = 0; key < 2 * AnswerCache.KEPT_KEYS; key++) {
            cache.get("cum-" + key, this::answer);
        }
        assertThat(cache.keptKeys()).isEqualTo(AnswerCache.KEPT_KEYS);
        int computed = this.computed.get();
        assertThat(cache.get("cum-" + (2 * AnswerCache.KEPT_KEYS - 1), this::answer)).as("the latest is kept")
                .isEqualTo("answer " + computed);
    }
}
