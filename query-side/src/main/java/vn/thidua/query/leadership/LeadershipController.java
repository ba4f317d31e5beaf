package vn.thidua.query.leadership;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.ReadGate;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

@RestController
@Tag(name = "clusters")
public class LeadershipController {

    public record UnitRef(String unitId, String name) {
    }

    public record TermView(int termYear, UnitRef head, UnitRef deputy) {
    }

    private final DocumentStore documents;
    private final ReadGate gate;

    public LeadershipController(DocumentStore documents, ReadGate gate) {
        this.documents = documents;
        this.gate = gate;
    }

    @Operation(summary = "Cụm trưởng, cụm phó theo nhiệm kỳ · Head and deputy by term")
    @Problems({Problem.CLUSTER_NOT_FOUND})
    @GetMapping("/api/clusters/{clusterId}/leadership")
    public List<TermView> leadership(@PathVariable String clusterId,
                                     @RequestParam(required = false) Long minPosition) {
        gate.enter(LeadershipProjection.MODEL, minPosition);
        Leadership leadership = documents.load(LeadershipProjection.MODEL, clusterId, Leadership.class)
                .map(DocumentStore.Stored::state)
                .orElseThrow(() -> Problem.CLUSTER_NOT_FOUND.raise(clusterId));
        return leadership.terms.entrySet().stream()
                .filter(term -> term.getValue().head != null || term.getValue().deputy != null)
                .map(term -> new TermView(term.getKey(), ref(leadership, term.getValue().head),
                        ref(leadership, term.getValue().deputy)))
                .toList();
    }

    private static UnitRef ref(Leadership leadership, Leadership.Officer officer) {
        return officer == null ? null : new UnitRef(officer.unitId(), leadership.names.of(officer.unitId()));
    }
}
