package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sessionkit.spi.StoredRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-string form of a record that files and caches keep, old forms included. */
class StoredRecordTextTests {

  private static final Instant EXPIRY = Instant.parse("2030-01-15T00:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"alice", "Alice Smith", "ünïcödé 名前", "a\nb c", "-", " "})
  void everyFieldRoundTripsWhateverThePrincipalsName(String name) {
    StoredRecord record =
        StoredRecord.builder()
            .data("{\"a\":1}\nmore")
            .expiry(EXPIRY)
            .version(7)
            .principal(name)
            .created(Instant.parse("2030-01-01T00:00:00Z"))
            .saved(Instant.parse("2030-01-01T01:00:00.123456Z"))
            .build();

    StoredRecord read = StoredRecord.fromText(record.toText());

    assertThat(read.data()).isEqualTo("{\"a\":1}\nmore");
    assertThat(read.expiry()).isEqualTo(EXPIRY);
    assertThat(read.version()).isEqualTo(7);
    assertThat(read.principal()).isEqualTo(name.isBlank() ? null : name);
    assertThat(read.created()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(read.saved()).isEqualTo(Instant.parse("2030-01-01T01:00:00.123456Z"));
    assertThat(record.toText().lines().findFirst().orElseThrow()).doesNotContain("\n");
  }

  @Test
  void absentFieldsAreDashes() {
    StoredRecord record = StoredRecord.builder().data("{}").expiry(EXPIRY).version(1).build();

    assertThat(record.toText()).isEqualTo("2030-01-15T00:00:00Z 1 - - -\n{}");
    StoredRecord read = StoredRecord.fromText(record.toText());
    assertThat(read.principal()).isNull();
    assertThat(read.created()).isNull();
    assertThat(read.saved()).isNull();
  }

  @Test
  void recordsOfEarlierReleasesStillRead() {
    assertThat(StoredRecord.fromText("2030-01-15T00:00:00Z 3\n{}").version()).isEqualTo(3);
    assertThat(StoredRecord.fromText("2030-01-15T00:00:00Z\n{}").version()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2030-01-15T00:00:00Z 1 -\n{}",
        "2030-01-15T00:00:00Z 1 - -\n{}",
        "2030-01-15T00:00:00Z 1 - - - extra\n{}",
        "2030-01-15T00:00:00Z 1 yesterday - -\n{}",
        "2030-01-15T00:00:00Z 1 - - !!!\n{}",
        "2030-01-15T00:00:00Z  1\n{}"
      })
  void malformedHeadersAreUnreadable(String text) {
    assertThatExceptionOfType(UnreadableSessionDataException.class)
        .isThrownBy(() -> StoredRecord.fromText(text));
    assertThat(StoredRecord.versionOf(text)).isEqualTo(StoredRecord.UNREADABLE_VERSION);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2030-01-15T00:00:00Z",
        "2030-01-15T23:59:59.999Z",
        "2030-01-15T00:00:00.000001Z",
        "2030-01-15T00:00:00.123456789Z",
        "2028-02-29T12:00:00Z",
        "1970-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "1969-12-31T23:59:59.5Z",
        "+10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "2030-01-15t00:00:00z",
        "2030-01-15T00:00:00+01:00",
        "2030-01-15T24:00:00Z",
        "2030-01-15T00:00:00.Z"
      })
  void instantsReadAsInstantParseReadsThem(String instant) {
    String text = instant + " 1 " + instant + " " + instant + " -\n{}";

    StoredRecord read = StoredRecord.fromText(text);

    assertThat(read.expiry()).isEqualTo(Instant.parse(instant));
    assertThat(read.created()).isEqualTo(Instant.parse(instant));
    assertThat(read.saved()).isEqualTo(Instant.parse(instant));
  }

  @Test
  void instantsThatToStringWritesReadBackEqual() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_167_219_200L, 253_402_300_800L), random.nextInt(1_000_000_000));
      Instant truncated = i % 2 == 0 ? instant : instant.truncatedTo(ChronoUnit.SECONDS);
      StoredRecord record =
          StoredRecord.builder().data("{}").expiry(truncated).version(1).created(truncated).build();

      assertThat(StoredRecord.fromText(record.toText()).expiry()).isEqualTo(truncated);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2030-02-30T00:00:00Z",
        "2029-02-29T00:00:00Z",
        "2030-13-01T00:00:00Z",
        "2030-00-01T00:00:00Z",
        "2030-01-00T00:00:00Z",
        "2030-01-15T00:60:00Z",
        "2030-01-15T00:00:61Z",
        "2030-01-15T00:00:00.12aZ",
        "2030-01-15T00:00:0aZ",
        "2030-01-15 00:00:00Z"
      })
  void headerWithAnInstantThatIsNotOneIsUnreadable(String instant) {
    String text = instant + " 1 - - -\n{}";

    assertThatExceptionOfType(UnreadableSessionDataException.class)
        .isThrownBy(() -> StoredRecord.fromText(text));
  }
}
