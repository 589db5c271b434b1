package io.workerplatform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.imports.CsvRows.Row;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

  private static List<Row> all(byte[] file, long offset, int line) {
    ByteArrayInputStream in = new ByteArrayInputStream(file);
    in.skip(offset);
    CsvRows rows = new CsvRows(in, offset, line);
    List<Row> read = new ArrayList<>();
    for (Row r = rows.next(); r != null; r = rows.next()) {
      read.add(r);
    }
    return read;
  }

  @Test
  void quotedFieldsCommasQuotesAndLineEndsAreReadWithTheirLineNumbers() {
    byte[] file = ("\uFEFFemail,name\r\n"
        + "ana@example.com,\"Díaz, Ana\"\r\n"
        + "ben@example.com,\"Ben \"\"B\"\" \nOde\"\n"
        + "cy@example.com,Cy").getBytes(StandardCharsets.UTF_8);

    List<Row> rows = all(file, 0, 1);

    assertThat(rows).extracting(Row::line).containsExactly(1, 2, 3, 5);
    assertThat(rows.get(0).fields()).containsExactly("email", "name");
    assertThat(rows.get(1).fields()).containsExactly("ana@example.com", "Díaz, Ana");
    assertThat(rows.get(2).fields()).containsExactly("ben@example.com", "Ben \"B\" \nOde");
    assertThat(rows.get(3).fields()).containsExactly("cy@example.com", "Cy");
  }

  @Test
  void theOffsetAfterARowResumesExactlyThere() {
    byte[] file = "email\nana@example.com\n\"b,en@example.com\"\ncy@example.com\n".getBytes(StandardCharsets.UTF_8);
    CsvRows rows = new CsvRows(new ByteArrayInputStream(file), 0, 1);
    rows.next();
    rows.next();
    long offset = rows.offset();
    int line = rows.line();

    List<Row> rest = all(file, offset, line);

    assertThat(rest).extracting(Row::line).containsExactly(3, 4);
    assertThat(rest.get(0).fields()).containsExactly("b,en@example.com");
  }

  @Test
  void unreadableRowsAreNamedAndTheNextRowsStillRead() {
    byte[] bad = {'a', (byte) 0xC3, '\n', 'o', 'k', '\n'};
    List<Row> rows = all(bad, 0, 2);
    assertThat(rows.get(0).problem()).contains("UTF-8");
    assertThat(rows.get(1).fields()).containsExactly("ok");

    List<Row> quote = all("x\"y,z\nok\n".getBytes(StandardCharsets.UTF_8), 0, 2);
    assertThat(quote.get(0).problem()).isEqualTo("a quote inside an unquoted field");
    assertThat(quote.get(1).fields()).containsExactly("ok");

    assertThat(all("\"open,\nnever closed".getBytes(StandardCharsets.UTF_8), 0, 2).get(0).problem())
        .isEqualTo("a quoted field is not closed before the end of the file");
  }
}
