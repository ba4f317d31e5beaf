package vn.thidua.query.web;

import java.util.List;
import java.util.function.LongSupplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A page of a list read in a fixed order: with {@code limit}, one more row than the page is read to know whether more
 * follow, and the answer carries {@code Link: <same request, after=...>; rel="next"} while they do. Without it, the
 * whole list, as before.
 */
public final class Page {

    /** The largest page a client may ask for. */
    public static final int MAX_LIMIT = 1000;

    private Page() {
    }

    /** How many rows to read for a page of {@code limit} (one more, to see whether more follow). */
    public static int fetch(Integer limit) {
        return limit == null ? Integer.MAX_VALUE : limit + 1;
    }

    public static <T> List<T> of(List<T> rows, Integer limit) {
        return limit == null || rows.size() <= limit ? rows : rows.subList(0, limit);
    }

    /** The page, with the link to the next one when more rows were read than the page holds. */
    public static <T> ResponseEntity<List<T>> answer(List<T> page, int read, Integer limit, LongSupplier nextAfter) {
        if (limit == null || read <= limit) {
            return ResponseEntity.ok(page);
        }
        String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("after", nextAfter.getAsLong())
                .build().toUriString();
        return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").body(page);
    }
}
