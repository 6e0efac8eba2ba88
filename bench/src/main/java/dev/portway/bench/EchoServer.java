package dev.portway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The upstream of the latency, connection and memory figures: writes back every byte it reads,
 * on 127.0.0.1 only, until the process is killed. The same process serves all three paths, so any
 * cost of its own is the same in each and drops out of the comparison.
 *
 * <p>Plain NIO rather than Netty so the harness has no dependency and so the upstream shares no
 * code with the proxy being measured. One blocking acceptor thread hands sockets to a few selector
 * threads. Memory stays small with 10,000 idle sockets: each worker reads into one shared buffer
 * and only a socket whose echo did not fit in its send buffer keeps a buffer of its own.
 */
final class EchoServer {

    private EchoServer() {
    }

    static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ServerSocketChannel server = ServerSocketChannel.open();
        // A large backlog: the connection-rate figure opens thousands of sockets per second.
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        Worker[] workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(Selector.open());
            Thread t = new Thread(workers[i], "echo-worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("echo server on 127.0.0.1:" + port);
        System.out.flush();
        long accepted = 0;
        while (true) {
            SocketChannel ch = server.accept();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            workers[(int) (accepted++ % threads)].add(ch);
        }
    }

    private static final class Worker implements Runnable {
        private final Selector selector;
        private final Queue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
        private final ByteBuffer shared = ByteBuffer.allocateDirect(64 * 1024);

        Worker(Selector selector) {
            this.selector = selector;
        }

        void add(SocketChannel ch) {
            incoming.add(ch);
            selector.wakeup();
        }

        @Override
        public void run() {
            while (true) {
                try {
                    selector.select();
                    SocketChannel ch;
                    while ((ch = incoming.poll()) != null) {
                        ch.register(selector, SelectionKey.OP_READ);
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        serve(key);
                    }
                } catch (IOException e) {
                    // A failing selector is a broken upstream: say so and keep serving the others.
                    System.err.println("echo worker: " + e);
                }
            }
        }

        private void serve(SelectionKey key) {
            SocketChannel ch = (SocketChannel) key.channel();
            try {
                if (key.isValid() && key.isWritable()) {
                    ByteBuffer pending = (ByteBuffer) key.attachment();
                    ch.write(pending);
                    if (!pending.hasRemaining()) {
                        key.attach(null);
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    shared.clear();
                    int n = ch.read(shared);
                    if (n < 0) {
                        ch.close();
                        return;
                    }
                    shared.flip();
                    ch.write(shared);
                    if (shared.hasRemaining()) {
                        // The peer reads slower than it writes: keep the rest, stop reading until
                        // it is written (back-pressure instead of unbounded buffering).
                        ByteBuffer pending = ByteBuffer.allocate(shared.remaining());
                        pending.put(shared).flip();
                        key.attach(pending);
                        key.interestOps(SelectionKey.OP_WRITE);
                    }
                }
            } catch (IOException e) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a broken socket; nothing more to do
                }
            }
        }
    }
}
