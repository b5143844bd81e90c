package vn.onestop.ids;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitIdsTest {
  @Test
  void asciiIdsOnly() {
    assertThat(UnitIds.valid("hn-hoan-kiem-hang-bac")).isTrue();
    assertThat(UnitIds.valid("HK.P1_2")).isTrue();
    assertThat(UnitIds.valid("unit-\u0430")).as("Cyrillic a").isFalse();
    assertThat(UnitIds.valid("<b>unit</b>")).isFalse();
    assertThat(UnitIds.valid("-x")).isFalse();
    assertThat(UnitIds.valid("a".repeat(65))).isFalse();
    assertThat(UnitIds.valid("")).isFalse();
    assertThat(UnitIds.valid(null)).isFalse();
  }
}
