package vn.thidua.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP balancer on loopback, as HAProxy in TCP mode is: each client connection goes to the next backend in turn
 * that accepts it, and its bytes are copied both ways until either side closes. A backend that is down is skipped;
 * a connection to one that dies breaks, and the client connects again, to the next.
 */
final class RoundRobinBalancer implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Integer> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService pipes = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "balancer");
        thread.setDaemon(true);
        return thread;
    });

    RoundRobinBalancer(int port, List<Integer> backends) throws IOException {
        this.backends = List.copyOf(backends);
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        pipes.submit(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                pipes.submit(() -> connect(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        for (int tried = 0; tried < backends.size(); tried++) {
            int port = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
            try {
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), port);
                pipes.submit(() -> copy(client, backend));
                pipes.submit(() -> copy(backend, client));
                return;
            } catch (IOException down) {
                // the next one
            }
        }
        closeQuietly(client);
    }

    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException broken) {
            // either side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pipes.shutdownNow();
    }
}
