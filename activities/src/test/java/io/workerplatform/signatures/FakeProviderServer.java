package io.workerplatform.signatures;

import io.workerplatform.common.LocalHttpServer;
import io.workerplatform.common.LocalHttpServer.Request;
import io.workerplatform.common.LocalHttpServer.Response;
import io.workerplatform.common.TestDatabase;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the fake providers share: a {@link LocalHttpServer} that records every request, checks
 * the bearer token, and can be told to fail the next requests with a status.
 */
public abstract class FakeProviderServer implements AutoCloseable {
  static final JsonMapper json = TestDatabase.JSON;

  record Answer(int status, String contentType, byte[] body) {
    static Answer json(int status, Object value) {
      return new Answer(status, "application/json", FakeProviderServer.json.writeValueAsBytes(value));
    }
  }

  public final List<Request> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> failures = new ConcurrentLinkedDeque<>();
  private final LocalHttpServer server;
  private final String token;

  FakeProviderServer(String token) {
    this.token = token;
    this.server = LocalHttpServer.start(this::handle);
  }

  public String baseUrl() {
    return server.url("");
  }

  /** The next {@code count} requests answer {@code status} (after being recorded). */
  public void failNext(int status, int count) {
    for (int i = 0; i < count; i++) {
      failures.add(status);
    }
  }

  public List<Request> received(String method, String pathPattern) {
    return received.stream().filter(r -> r.method().equals(method) && r.path().matches(pathPattern)).toList();
  }

  abstract Answer answer(Request request) throws IOException;

  private Response handle(Request request) throws IOException {
    received.add(request);
    Answer answer;
    Integer failure = failures.poll();
    if (failure != null) {
      answer = Answer.json(failure, Map.of("message", "injected failure"));
    } else if (!("Bearer " + token).equals(request.header("Authorization"))) {
      answer = Answer.json(401, Map.of("message", "unauthorized"));
    } else {
      try {
        answer = answer(request);
      } catch (IllegalArgumentException e) {
        answer = Answer.json(400, Map.of("message", e.getMessage()));
      }
    }
    return Response.of(answer.status(), answer.contentType(), answer.body());
  }

  @Override
  public void close() {
    server.close();
  }
}
