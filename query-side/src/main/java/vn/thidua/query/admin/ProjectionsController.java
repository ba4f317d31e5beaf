package vn.thidua.query.admin;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.query.admin.Projections.ProjectionState;

@RestController
public class ProjectionsController {

    private final Projections projections;

    public ProjectionsController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping("/api/admin/projections")
    public List<ProjectionState> list() {
        return projections.list();
    }

    @PostMapping("/api/admin/projections/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ProjectionState replay(@PathVariable String name) {
        projections.replay(name);
        return projections.list().stream().filter(state -> state.name().equals(name)).findFirst().orElseThrow();
    }
}
