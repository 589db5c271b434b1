package io.workerplatform.host.files;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.files.FileStore;
import io.workerplatform.files.FileStore.StoredFile;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Validation;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class FileApi {
  static final int MAX_NAME_LENGTH = 255;

  record FileView(String id, String name, String contentType, long sizeBytes, String sha256) {}

  private final FileStore files;

  FileApi(FileStore files) {
    this.files = files;
  }

  /**
   * A multipart upload with one part named {@code file}, and {@code contactId} when the file belongs
   * to a contact (erased and exported with them); answers 201 with the file's id.
   */
  @PostMapping(path = "/api/orgs/{orgId}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<FileView> upload(
      @PathVariable String orgId,
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "contactId", required = false) String contactId)
      throws IOException {
    if (file == null) {
      throw new BadRequestException("file", "is required (a multipart part named \"file\")");
    }
    if (file.isEmpty()) {
      throw new BadRequestException("file", "is empty");
    }
    String owner = contactId == null ? null : Validation.requireId("contactId", contactId);
    StoredFile stored;
    try (var content = file.getInputStream()) {
      stored = files.save(orgId, owner, name(file), contentType(file), content);
    }
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/files/" + stored.id())).body(view(stored));
  }

  /** The file's metadata (the bytes are served where a route needs them, like a signed document). */
  @GetMapping("/api/orgs/{orgId}/files/{id}")
  FileView file(@PathVariable String orgId, @PathVariable String id) {
    return files.find(orgId, id).map(FileApi::view).orElseThrow(() -> new NotFoundException("file", id));
  }

  private static FileView view(StoredFile stored) {
    return new FileView(stored.id(), stored.name(), stored.contentType(), stored.sizeBytes(), stored.sha256());
  }

  /** The client's file name without any path it carried. */
  private static String name(MultipartFile file) {
    String original = file.getOriginalFilename();
    if (original == null || original.isBlank()) {
      return "document";
    }
    String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
    return name.isBlank() ? "document" : Validation.maxLength("file", name.strip(), MAX_NAME_LENGTH);
  }

  private static String contentType(MultipartFile file) {
    String type = file.getContentType();
    return type == null || type.isBlank() ? MediaType.APPLICATION_OCTET_STREAM_VALUE : Validation.maxLength("file", type, Validation.MAX_TEXT_LENGTH);
  }
}
