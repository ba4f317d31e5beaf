package vn.thidua.command.evidence;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.command.idempotency.RequestBodyCaching;
import vn.thidua.command.web.Refusals;
import vn.thidua.command.web.RequestRefusal;

/**
 * Evidence files kept with the record (PDF, images, office documents): the body is the file, its media type the
 * request's {@code Content-Type}; stored once by the SHA-256 of its bytes, which a report then cites. The same bytes
 * sent again are answered 200 with the same hash and stored nothing more. The size limit is
 * {@code THIDUA_EVIDENCE_MAX_BYTES} (20 MB), announced or chunked ({@link RequestBodyCaching}).
 */
@RestController
@Tag(name = "evidence")
public class EvidenceController {

    public static final String PATH = "/api/evidence";

    /** What was kept. */
    public record Kept(String sha256, long size, String mediaType) {
    }

    private final KeptFiles files;
    private final long maxBytes;

    public EvidenceController(KeptFiles files, @Value("${thidua.evidence.max-bytes:20971520}") long maxBytes) {
        this.files = files;
        this.maxBytes = maxBytes;
    }

    @Operation(summary = "Lưu một tệp minh chứng · Keep an evidence file",
            description = "Nội dung là chính tệp, kiểu nội dung theo Content-Type · the body is the file, its media"
                    + " type the Content-Type; 201 when kept, 200 when those bytes were kept already.")
    @Refusals(requests = {RequestRefusal.EVIDENCE_TOO_LARGE, RequestRefusal.EVIDENCE_EMPTY,
            RequestRefusal.EVIDENCE_MEDIA_TYPE_MISSING})
    @PostMapping(value = PATH, consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Kept> keep(HttpServletRequest request) throws IOException {
        String mediaType = request.getContentType();
        if (mediaType == null || mediaType.isBlank()) {
            throw RequestRefusal.EVIDENCE_MEDIA_TYPE_MISSING.refuse();
        }
        byte[] content = RequestBodyCaching.file(request, () -> RequestRefusal.EVIDENCE_TOO_LARGE.refuse(maxBytes));
        if (content.length == 0) {
            throw RequestRefusal.EVIDENCE_EMPTY.refuse();
        }
        KeptFiles.Kept kept = files.keep(content, mediaType);
        return ResponseEntity.status(kept.stored() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Kept(kept.sha256(), kept.size(), kept.mediaType()));
    }
}
