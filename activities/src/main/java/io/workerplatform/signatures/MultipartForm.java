package io.workerplatform.signatures;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body of text fields and files. */
final class MultipartForm {
  private final String boundary = "wp-" + UUID.randomUUID();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  MultipartForm field(String name, String value) {
    part("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
    write(value.getBytes(StandardCharsets.UTF_8));
    write("\r\n");
    return this;
  }

  MultipartForm file(String name, String fileName, String contentType, byte[] content) {
    part(
        "Content-Disposition: form-data; name=\"" + name + "\"; filename=\""
            + fileName.replace("\"", "") + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
    write(content);
    write("\r\n");
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  byte[] bytes() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(body.toByteArray());
    copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return copy.toByteArray();
  }

  private void part(String headers) {
    write("--" + boundary + "\r\n" + headers);
  }

  private void write(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  private void write(byte[] bytes) {
    body.writeBytes(bytes);
  }
}
