package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sessionkit.spi.StoredRecord;
import java.time.Instant;
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
}
