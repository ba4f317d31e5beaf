package vn.thidua.query.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

import vn.thidua.query.admin.Projections.ProjectionState;

@RestController
@Tag(name = "admin")
public class ProjectionsController {

    private final Projections projections;

    public ProjectionsController(Projections projections) {
        this.projections = projections;
    }

    @Operation(summary = "Các mô hình đọc · The read models and their progress")
    @GetMapping("/api/admin/projections")
    public List<ProjectionState> list() {
        return projections.list();
    }

    @Operation(summary = "Dựng lại một mô hình đọc · Rebuild a read model from the first event")
    @Problems({Problem.PROJECTION_NOT_FOUND, Problem.REPLAY_REFUSED})
    @PostMapping("/api/admin/projections/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ProjectionState replay(@PathVariable String name) {
        projections.replay(name);
        return projections.list().stream().filter(state -> state.name().equals(name)).findFirst().orElseThrow();
    }
}
