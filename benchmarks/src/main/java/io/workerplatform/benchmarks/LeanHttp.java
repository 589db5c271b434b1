package io.workerplatform.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The least HTTP/1.1 the benchmark's own parts need: keep-alive connections, requests with a
 * {@code content-length}, responses with a length or chunked. The publisher and the receiver
 * stand in for systems that run on other machines, but here they share the two cores with the
 * platform: the JDK's HttpClient and HttpServer cost about a millisecond of CPU per event, which
 * the platform would then be measured without. This costs a fraction of that.
 */
public final class LeanHttp {
  private LeanHttp() {}

  /** A request as the server read it. */
  record Request(String method, String target, Map<String, String> headers, byte[] body) {}

  /** A response as the client read it; {@code keepAlive} false when the server closes after it. */
  public record Response(int status, String body, boolean keepAlive) {}

  /**
   * A server answering every request {@code 204 No Content} after handing it to {@code handler},
   * one virtual thread per connection.
   */
  static final class Server implements AutoCloseable {
    private static final byte[] NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final ServerSocket socket;

    Server(Consumer<Request> handler) throws IOException {
      socket = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(() -> {
        while (!socket.isClosed()) {
          try {
            Socket connection = socket.accept();
            Thread.ofVirtual().start(() -> serve(connection, handler));
          } catch (IOException closed) {
            return;
          }
        }
      });
    }

    int port() {
      return socket.getLocalPort();
    }

    private static void serve(Socket connection, Consumer<Request> handler) {
      try (connection) {
        connection.setTcpNoDelay(true);
        InputStream in = new BufferedInputStream(connection.getInputStream());
        OutputStream out = connection.getOutputStream();
        while (true) {
          String requestLine = line(in);
          if (requestLine == null) {
            return; // the client closed the connection
          }
          String[] parts = requestLine.split(" ");
          Map<String, String> headers = headers(in);
          byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
          handler.accept(new Request(parts[0], parts[1], headers, body));
          out.write(NO_CONTENT);
          out.flush();
        }
      } catch (IOException gone) {
        // the client went away
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** A client keeping its connections to one host and port open between requests. */
  public static final class Client {
    private final int port;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    /** A socket with its own read buffer: one response is read whole before the next request. */
    private record Connection(Socket socket, InputStream in, OutputStream out) {
      static Connection open(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        return new Connection(socket, new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
      }
    }

    private final String authorization;

    /** A client that sends {@code token} as its bearer token. */
    public Client(int port, String token) {
      this.port = port;
      this.authorization = "\r\nauthorization: Bearer " + token;
    }

    public Response post(String path, String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      byte[] head = ("POST " + path + " HTTP/1.1\r\nhost: 127.0.0.1:" + port + authorization
              + "\r\ncontent-type: application/json\r\ncontent-length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[head.length + body.length];
      System.arraycopy(head, 0, request, 0, head.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      Connection connection = idle.poll();
      if (connection == null) {
        connection = Connection.open(port);
      }
      try {
        connection.out().write(request);
        connection.out().flush();
        Response response = read(connection.in());
        if (response.keepAlive()) {
          idle.add(connection);
        } else {
          connection.socket().close();
        }
        return response;
      } catch (IOException | RuntimeException e) {
        connection.socket().close();
        throw e;
      }
    }

    void close() throws IOException {
      for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
        connection.socket().close();
      }
    }

    private static Response read(InputStream in) throws IOException {
      String statusLine = line(in);
      if (statusLine == null) {
        throw new IOException("connection closed before the response");
      }
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = headers(in);
      byte[] body;
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
          chunks.write(in.readNBytes(size));
          line(in);
        }
        line(in); // the empty line after the last chunk
        body = chunks.toByteArray();
      } else {
        body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
      }
      boolean keepAlive = !"close".equalsIgnoreCase(headers.get("connection"));
      return new Response(status, new String(body, StandardCharsets.UTF_8), keepAlive);
    }

    private static int chunkSize(InputStream in) throws IOException {
      return Integer.parseInt(line(in).split(";")[0].strip(), 16);
    }
  }

  /** Header names in lower case. */
  private static Map<String, String> headers(InputStream in) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    return headers;
  }

  /** One CRLF-terminated line, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1; c = in.read()) {
      if (c == '\n') {
        int end = line.length();
        return line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end);
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }
}
