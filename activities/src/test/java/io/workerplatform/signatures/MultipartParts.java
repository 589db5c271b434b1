package io.workerplatform.signatures;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@code multipart/form-data} body as the fake Signaturit receives it. */
public final class MultipartParts {
  public record Part(String name, String fileName, String contentType, byte[] content) {
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

  private MultipartParts() {}

  static Map<String, Part> parse(String contentType, byte[] body) {
    if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
      throw new IllegalArgumentException("expected multipart/form-data, got " + contentType);
    }
    String boundary = "--" + contentType.substring(contentType.indexOf('=') + 1);
    // ISO-8859-1 maps every byte to one char, so offsets in the string are offsets in the body.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int at = text.indexOf(boundary);
    while (at >= 0 && !text.startsWith(boundary + "--", at)) {
      int headersStart = at + boundary.length() + 2;
      int headersEnd = text.indexOf("\r\n\r\n", headersStart);
      int next = text.indexOf("\r\n" + boundary, headersEnd);
      String headers = text.substring(headersStart, headersEnd);
      byte[] content = text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
      Matcher name = NAME.matcher(headers);
      Matcher fileName = FILE_NAME.matcher(headers);
      String type = null;
      for (String line : headers.split("\r\n")) {
        if (line.toLowerCase().startsWith("content-type:")) {
          type = line.substring("content-type:".length()).strip();
        }
      }
      name.find();
      parts.put(name.group(1), new Part(name.group(1), fileName.find() ? fileName.group(1) : null, type, content));
      at = next + 2;
    }
    return parts;
  }
}
