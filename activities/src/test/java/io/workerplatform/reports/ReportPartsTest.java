package io.workerplatform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A report's period, its CSV cells and its signed links. */
class ReportPartsTest {
  @Test
  void theDuePeriodIsTheLatestWeekOrMonthThatEndedInTheOrganizationsTimeZone() {
    // Monday 2026-12-07 00:30 in Madrid is still Sunday in UTC
    Instant madridMonday = Instant.parse("2026-12-06T23:30:00Z");
    ReportPeriods week = ReportPeriods.latestEnded(ReportStore.WEEKLY, madridMonday, ZoneId.of("Europe/Madrid"));
    assertThat(week.start()).isEqualTo(LocalDate.parse("2026-11-30"));
    assertThat(week.end()).isEqualTo(LocalDate.parse("2026-12-07"));
    assertThat(week.until()).isEqualTo(OffsetDateTime.parse("2026-12-07T00:00+01:00"));
    ReportPeriods utcWeek = ReportPeriods.latestEnded(ReportStore.WEEKLY, madridMonday, ZoneOffset.UTC);
    assertThat(utcWeek.start()).isEqualTo(LocalDate.parse("2026-11-23"));

    ReportPeriods month = ReportPeriods.latestEnded(ReportStore.MONTHLY, Instant.parse("2026-03-01T04:00:00Z"),
        ZoneId.of("America/New_York"));
    assertThat(month.start()).isEqualTo(LocalDate.parse("2026-01-01"));
    assertThat(month.end()).isEqualTo(LocalDate.parse("2026-02-01"));
  }

  @Test
  void cellsAreQuotedWhereCsvNeedsItAndFormulasAreDefused() {
    assertThat(ReportCsv.cell(null)).isEmpty();
    assertThat(ReportCsv.cell("plain")).isEqualTo("plain");
    assertThat(ReportCsv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(ReportCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ReportCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(ReportCsv.cell("=1+1")).isEqualTo("'=1+1");
    assertThat(ReportCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(ReportCsv.cell(-5)).isEqualTo("-5");
    assertThat(ReportCsv.cell(true)).isEqualTo("true");
    assertThat(ReportCsv.cell(OffsetDateTime.parse("2026-12-07T01:00+01:00"))).isEqualTo("2026-12-07T00:00:00Z");
  }

  @Test
  void aLinkIsSignedForItsReportMemberAndExpiryAndNothingElse() {
    ReportLinks links = new ReportLinks(new byte[32], "https://platform.example.com/");
    Instant expires = Instant.parse("2026-12-14T00:00:00Z");

    String url = links.url("rep_1", "mem_1", expires);

    Matcher m = Pattern.compile("https://platform\\.example\\.com/links/reports/rep_1\\?member=mem_1&expires=(\\d+)&signature=([A-Za-z0-9_-]+)")
        .matcher(url);
    assertThat(m.matches()).as(url).isTrue();
    long at = Long.parseLong(m.group(1));
    String signature = m.group(2);
    assertThat(at).isEqualTo(expires.getEpochSecond());
    assertThat(links.signed("rep_1", "mem_1", at, signature)).isTrue();
    assertThat(links.signed("rep_2", "mem_1", at, signature)).isFalse();
    assertThat(links.signed("rep_1", "mem_2", at, signature)).isFalse();
    assertThat(links.signed("rep_1", "mem_1", at + 1, signature)).isFalse();
    assertThat(links.signed("rep_1", "mem_1", at, null)).isFalse();
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThat(new ReportLinks(otherKey, "https://platform.example.com").signed("rep_1", "mem_1", at, signature)).isFalse();
  }
}
