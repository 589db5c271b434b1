package io.workerplatform.host.support;

import io.workerplatform.common.Hashes;
import io.workerplatform.common.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * What a host holds, as one string to compare before and after: a digest of every row of every
 * table of its schema, of every file of its file storage, and the workflow calls it made.
 */
public final class HostFingerprint {
  private HostFingerprint() {}

  public static String of(DSLContext dsl, String schema, Path files, WorkflowCallRecorder.WorkflowCalls calls) {
    return rows(dsl, schema) + " files " + files(files) + " workflows " + calls.calls;
  }

  private static String rows(DSLContext dsl, String schema) {
    Map<String, String> digests = new TreeMap<>();
    for (String table : TestDatabase.tables(dsl, schema)) {
      String qualified = "\"" + schema + "\".\"" + table + "\"";
      digests.put(table, String.valueOf(
          dsl.fetchValue("select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from " + qualified + " t")));
    }
    return digests.toString();
  }

  private static String files(Path root) {
    if (!Files.exists(root)) {
      return "{}";
    }
    try (var paths = Files.walk(root)) {
      Map<String, String> digests = new TreeMap<>();
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        digests.put(root.relativize(file).toString(), HexFormat.of().formatHex(Hashes.sha256(Files.readAllBytes(file))));
      }
      return digests.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
