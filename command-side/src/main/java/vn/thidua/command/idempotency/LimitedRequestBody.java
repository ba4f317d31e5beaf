package vn.thidua.command.idempotency;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body may be read up to a limit and no further, whatever its headers say: a chunked body announces no
 * length, so the bytes are counted as they are read, and reading past the limit fails with {@link TooLarge} (answered
 * 413) before more than the limit is ever held in memory.
 */
final class LimitedRequestBody extends HttpServletRequestWrapper {

    /** Reading went past the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the request body is over " + limit + " bytes");
        }
    }

    private final long limit;
    private ServletInputStream limited;

    LimitedRequestBody(HttpServletRequest request, long limit) {
        super(request);
        this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (limited == null) {
            ServletInputStream body = super.getInputStream();
            limited = new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int next = body.read();
                    count(next < 0 ? 0 : 1);
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int count = body.read(buffer, offset, (int) Math.min(length, limit - read + 1));
                    count(Math.max(count, 0));
                    return count;
                }

                private void count(int bytes) throws TooLarge {
                    read += bytes;
                    if (read > limit) {
                        throw new TooLarge(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return body.isFinished();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    body.setReadListener(listener);
                }
            };
        }
        return limited;
    }
}
