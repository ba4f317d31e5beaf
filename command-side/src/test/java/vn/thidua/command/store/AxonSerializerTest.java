package vn.thidua.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitsMerged;

/** The serializer Axon stores events with is configured as the published language says, not left bare. */
class AxonSerializerTest {

    private final Jackson3Serializer serializer = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(new EventStoreConfiguration().eventJsonCustomizer())
            .build();

    private final UnitsMerged merged = new UnitsMerged("cum-2", "d-1", List.of("btc-bac-giang", "btc-bac-ninh"),
            new MemberUnit("btc-bac-ninh", "Ban Tổ chức Tỉnh ủy Bắc Ninh", "Bắc Ninh"), LocalDate.of(2025, 7, 1),
            "Sắp xếp đơn vị hành chính");

    @Test
    void writesDatesAsIsoStringsAndKeepsVietnameseText() {
        SerializedObject<String> stored = serializer.serialize(merged, String.class);
        assertThat(stored.getData()).contains("\"effectiveDate\":\"2025-07-01\"", "Ban Tổ chức Tỉnh ủy Bắc Ninh");
        assertThat(stored.getType().getRevision()).isEqualTo("1");
        UnitsMerged read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(merged);
    }

    @Test
    void readsAnEventWrittenByALaterRevisionWithAFieldItDoesNotKnow() {
        String newer = serializer.serialize(merged, String.class).getData()
                .replace("{\"clusterId\"", "{\"approvedBy\":\"Hội đồng Thi đua - Khen thưởng\",\"clusterId\"");
        UnitsMerged read = serializer.deserialize(new SimpleSerializedObject<>(newer, String.class,
                new SimpleSerializedType(UnitsMerged.class.getName(), "1")));
        assertThat(read).isEqualTo(merged);
    }
}
