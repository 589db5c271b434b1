package io.workerplatform.host.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over {@code platform.api.max-body-size} ({@code max-callback-body-size} on
 * {@code /callbacks/**}) with 413 before anything parses them: at once when Content-Length says
 * so, otherwise as soon as the stream passes the limit (chunked bodies). Multipart bodies go only
 * to the upload routes (those whose mapping consumes {@code multipart/form-data}), with Spring's
 * own limits ({@code spring.servlet.multipart.*}); on any other route a multipart body is refused
 * with 415 before a byte of it is read (Spring would otherwise parse up to 20 MB of it first).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class BodyLimitFilter extends OncePerRequestFilter {
  /** Set when a body stream passed its limit: the error handler then answers 413, not 400. */
  public static final String EXCEEDED = BodyLimitFilter.class.getName() + ".exceeded";

  private final long maxBody;
  private final long maxCallbackBody;

  private final ProblemResponses problems;
  private final ObjectProvider<RequestMappingHandlerMapping> mappings;
  private volatile List<PathPattern> uploadRoutes;

  BodyLimitFilter(
      ApiProperties properties, ProblemResponses problems,
      @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
    this.problems = problems;
    this.mappings = mappings;
    this.maxBody = properties.maxBodySize().toBytes();
    this.maxCallbackBody = properties.maxCallbackBodySize().toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean callback = request.getRequestURI().startsWith("/callbacks/");
    String contentType = request.getContentType();
    if (contentType != null && contentType.toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
      if (!callback && "POST".equals(request.getMethod()) && isUploadRoute(request.getRequestURI())) {
        chain.doFilter(request, response);
      } else {
        problems.write(
            request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "this route does not take multipart bodies; send application/json", Map.of("field", "Content-Type"));
      }
      return;
    }
    long limit = callback ? maxCallbackBody : maxBody;
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      tooLarge(request, response, limit);
      return;
    }
    // A declared length within the limit is all the server reads; only a body without one
    // (chunked) needs counting as it is read.
    chain.doFilter(declared >= 0 ? request : new Limited(request, limit), response);
  }

  private boolean isUploadRoute(String uri) {
    List<PathPattern> routes = uploadRoutes;
    if (routes == null) {
      routes = mappings.getObject().getHandlerMethods().keySet().stream()
          .filter(info -> info.getConsumesCondition().getConsumableMediaTypes().contains(MediaType.MULTIPART_FORM_DATA))
          .flatMap(info -> info.getPathPatternsCondition() == null
              ? Stream.empty() : info.getPathPatternsCondition().getPatterns().stream())
          .toList();
      uploadRoutes = routes;
    }
    PathContainer path = PathContainer.parsePath(uri);
    return routes.stream().anyMatch(route -> route.matches(path));
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
    problems.write(
        request, response, HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + limit + " bytes",
        Map.of("maxBytes", limit));
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), limit, (HttpServletRequest) getRequest());
      }
      return stream;
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private final HttpServletRequest request;
    private long read;

    Counting(ServletInputStream in, long limit, HttpServletRequest request) {
      this.in = in;
      this.limit = limit;
      this.request = request;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        request.setAttribute(EXCEEDED, limit);
        throw new IOException("body larger than " + limit + " bytes");
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
