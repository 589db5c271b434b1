package io.workerplatform.host.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free loopback port in front of a server (PostgreSQL): {@link #cut()} drops every
 * connection and refuses new ones, as an outage of the server does; {@link #restore()} accepts
 * again on the same port.
 */
public final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listening;

  public TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    this.port = FreePort.find();
    restore();
  }

  public int port() {
    return port;
  }

  /** Accepts connections again (after a {@link #cut()}). */
  public synchronized void restore() {
    try {
      ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
      listening = server;
      Thread.ofVirtual().start(() -> accept(server));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops every connection and refuses new ones. */
  public synchronized void cut() {
    try {
      listening.close();
    } catch (IOException ignored) {
      // closed already
    }
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException broken) {
      // one side went away: the other follows
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closed already
    }
  }

  @Override
  public void close() {
    cut();
  }
}
