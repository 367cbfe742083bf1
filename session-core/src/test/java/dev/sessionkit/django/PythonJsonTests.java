package dev.sessionkit.django;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Expected texts are what Python 3.11's {@code json.dumps(value, separators=(',', ':'))} wrote. */
class PythonJsonTests {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0.1|0.1",
        "1.0|1.0",
        "-2.5|-2.5",
        "100.0|100.0",
        "1e15|1000000000000000.0",
        "1e16|1e+16",
        "1.5e16|1.5e+16",
        "1e-4|0.0001",
        "1e-5|1e-05",
        "0.00012345|0.00012345",
        "123456789.125|123456789.125",
        "1e22|1e+22",
        "1e-7|1e-07",
        "5e-324|5e-324",
        "1.7976931348623157e308|1.7976931348623157e+308",
        "1.5e-323|1.5e-323",
        "0.30000000000000004|0.30000000000000004",
        "0.3333333333333333|0.3333333333333333",
        "6.666666666666667e-11|6.666666666666667e-11",
        "9007199254740993.0|9007199254740992.0",
        "1.23e302|1.23e+302",
        "0.0|0.0",
        "-0.0|-0.0",
        "NaN|NaN",
        "Infinity|Infinity",
        "-Infinity|-Infinity",
      })
  void writeWhenDoubleWritesPythonRepr(String value, String python) {
    assertThat(PythonJson.write(MAPPER.valueToTree(Double.parseDouble(value)))).isEqualTo(python);
  }

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("é", "\"\\u00e9\""),
        Arguments.of("\u0001\u007f\u000b", "\"\\u0001\\u007f\\u000b\""),
        Arguments.of("😀", "\"\\ud83d\\ude00\""),
        Arguments.of("\"\\/\t", "\"\\\"\\\\/\\t\""),
        Arguments.of("\b\f\n\r", "\"\\b\\f\\n\\r\""),
        Arguments.of(" plain ~ text ", "\" plain ~ text \""));
  }

  @ParameterizedTest
  @MethodSource("strings")
  void writeWhenStringEscapesAsPythonEnsureAscii(String value, String python) {
    assertThat(PythonJson.write(MAPPER.valueToTree(value))).isEqualTo(python);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"0|0", "-17|-17", "123456789012345678901234567890|123456789012345678901234567890"})
  void writeWhenIntegerWritesItsDigits(String value, String python) {
    assertThat(PythonJson.write(MAPPER.valueToTree(new BigInteger(value)))).isEqualTo(python);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"0.1|0.1", "1e10|10000000000.0", "3.0e-7|3e-07"})
  void writeWhenFloatWritesTheDigitsItHolds(String value, String python) {
    assertThat(PythonJson.write(MAPPER.valueToTree(Float.parseFloat(value)))).isEqualTo(python);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"{}|{}", "[]|[]", "[1,[true,null],{\"a\":\"b\"}]|[1,[true,null],{\"a\":\"b\"}]"})
  void writeWhenContainerWritesCompactly(String json, String python) {
    assertThat(PythonJson.write(MAPPER.readTree(json))).isEqualTo(python);
  }

  @Test
  void writeWhenMapKeepsInsertionOrder() {
    var map = new LinkedHashMap<String, Object>();
    map.put("z", 1);
    map.put("b", 2);
    assertThat(PythonJson.write(MAPPER.valueToTree(map))).isEqualTo("{\"z\":1,\"b\":2}");
  }
}
