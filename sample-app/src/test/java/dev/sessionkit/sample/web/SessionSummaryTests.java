package dev.sessionkit.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionSummaryTests {

  @Test
  void shortenKeepsTheFirstSixCharactersAndAddsAnEllipsis() {
    assertThat(SessionSummary.shorten("abcdefghijklmnopqrstuvwxyz012345")).isEqualTo("abcdef…");
  }

  @Test
  void shortenWhenNoKeyIsNull() {
    assertThat(SessionSummary.shorten(null)).isNull();
  }
}
