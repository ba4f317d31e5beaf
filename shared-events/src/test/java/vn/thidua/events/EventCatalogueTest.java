package vn.thidua.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The catalogue is every event record of the published language: a new event cannot be left out of it. */
class EventCatalogueTest {

    @Test
    void theCatalogueHoldsEveryEventRecordOfThisModule() throws IOException, URISyntaxException {
        Path classes = Path.of(ClusterEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<Class<?>> records;
        try (Stream<Path> files = Files.walk(classes)) {
            records = files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(EventCatalogueTest::load)
                    .filter(type -> type.isRecord() && ClusterEvent.class.isAssignableFrom(type))
                    .collect(Collectors.toSet());
        }
        assertThat(records).isNotEmpty().isEqualTo(Set.copyOf(EventCatalogue.all()));
    }

    @Test
    void everyEventOfTheCatalogueHasASample() {
        assertThat(EventJsonTest.everyEvent().stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(Set.copyOf(EventCatalogue.all()));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
