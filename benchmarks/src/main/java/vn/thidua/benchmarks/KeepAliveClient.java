package vn.thidua.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A bare HTTP/1.1 client on one kept-alive loopback connection, for load that costs the machine as little as possible:
 * on two cores the JDK's HttpClient spends more CPU per request than the server it measures. It sends prepared
 * requests and reads each answer's status, headers and body (sized or chunked); nothing more (no redirects, no
 * compression), which is all the measured endpoints need.
 */
final class KeepAliveClient implements AutoCloseable {

    /** A status, the value of one header asked for (or null) and the body's length. */
    record Answer(int status, String header, int bodyLength) {
    }

    /** The last answer's body as text, to explain a failure. */
    String lastBody(int length) {
        return new String(body, 0, Math.min(length, body.length), StandardCharsets.UTF_8);
    }

    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] body = new byte[1 << 16];

    KeepAliveClient(int port) throws IOException {
        this.port = port;
        connect();
    }

    private void connect() throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    /** The bytes of a GET with these extra header lines (each ending in CRLF). */
    static byte[] get(int port, String path, String headers) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of a POST of a JSON body with these extra header lines. */
    static byte[] post(int port, String path, String headers, String json) {
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[head.length + content.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(content, 0, request, head.length, content.length);
        return request;
    }

    /** Sends the request and reads the whole answer; {@code header} (lower case) is the header to return. */
    Answer exchange(byte[] request, String header) throws IOException {
        out.write(request);
        out.flush();
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = 0;
        boolean chunked = false;
        boolean closing = false;
        String wanted = null;
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equals("connection")) {
                closing = value.equalsIgnoreCase("close");
            }
            if (name.equals(header)) {
                wanted = value;
            }
        }
        int total = 0;
        if (chunked) {
            for (int chunk = Integer.parseInt(line(), 16); chunk > 0; chunk = Integer.parseInt(line(), 16)) {
                total += readBody(chunk);
                line();
            }
            line();
        } else {
            total = readBody(length);
        }
        if (closing) {
            // Tomcat ends a kept-alive connection after 100 requests; open the next one as a browser would.
            socket.close();
            connect();
        }
        return new Answer(status, wanted, total);
    }

    private int readBody(int length) throws IOException {
        if (body.length < length) {
            body = new byte[length];
        }
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                throw new IOException("connection closed in the middle of an answer");
            }
            read += n;
        }
        return length;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
