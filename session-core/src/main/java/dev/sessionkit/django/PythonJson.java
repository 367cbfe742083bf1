package dev.sessionkit.django;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Writes a JSON tree exactly as Python's {@code json.dumps(obj, separators=(',', ':'))} does, the
 * serializer Django signs session data with, so that sessionkit and Django produce the same bytes:
 *
 * <ul>
 *   <li>ASCII only ({@code ensure_ascii}): every character outside space to tilde is escaped,
 *       {@code \b \f \n \r \t} by name and the rest as {@code \}{@code u} with four lowercase hex
 *       digits (a character beyond the BMP as its surrogate pair). Django decodes the JSON as
 *       Latin-1, so raw UTF-8 would reach a Django application garbled.
 *   <li>Floats as Python's {@code repr}: the shortest digits that read back as the same double,
 *       fixed notation with at least {@code .0} from 1e-4 up to 1e16, otherwise {@code 1.5e+16},
 *       {@code 1e-05}; {@code NaN}, {@code Infinity}, {@code -Infinity} as Python writes them.
 * </ul>
 */
final class PythonJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonJson() {}

  static String write(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      out.append('{');
      Iterator<Map.Entry<String, JsonNode>> properties = node.properties().iterator();
      while (properties.hasNext()) {
        Map.Entry<String, JsonNode> property = properties.next();
        string(property.getKey(), out);
        out.append(':');
        write(property.getValue(), out);
        if (properties.hasNext()) {
          out.append(',');
        }
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      Iterator<JsonNode> elements = node.values().iterator();
      while (elements.hasNext()) {
        write(elements.next(), out);
        if (elements.hasNext()) {
          out.append(',');
        }
      }
      out.append(']');
    } else if (node.isString() || node.isBinary()) {
      string(node.asString(), out);
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else if (node.isFloat()) {
      // a float holds fewer digits than a double: write the ones Java shows for it, not
      // 0.1000000015
      decimal(new BigDecimal(Float.toString(node.floatValue())), out);
    } else if (node.isBigDecimal()) {
      decimal(node.decimalValue(), out);
    } else if (node.isNumber()) {
      floating(node.doubleValue(), out);
    } else if (node.isBoolean()) {
      out.append(node.booleanValue() ? "true" : "false");
    } else if (node.isNull()) {
      out.append("null");
    } else {
      throw new IllegalArgumentException(
          "Session data cannot be written as JSON: a " + node.getNodeType() + " value");
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char character = text.charAt(i);
      switch (character) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (character >= ' ' && character <= '~') {
            out.append(character);
          } else {
            out.append("\\u")
                .append(HEX[(character >> 12) & 0xF])
                .append(HEX[(character >> 8) & 0xF])
                .append(HEX[(character >> 4) & 0xF])
                .append(HEX[character & 0xF]);
          }
        }
      }
    }
    out.append('"');
  }

  private static void floating(double value, StringBuilder out) {
    if (Double.isNaN(value)) {
      out.append("NaN");
    } else if (Double.isInfinite(value)) {
      out.append(value > 0 ? "Infinity" : "-Infinity");
    } else if (value == 0) {
      out.append(1 / value < 0 ? "-0.0" : "0.0");
    } else {
      decimal(shortest(value), out);
    }
  }

  /** The decimal with the fewest digits that reads back as {@code value}, as Python's repr. */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == value) {
        return rounded;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }

  /**
   * Python's {@code repr} layout for the digits of {@code value}: fixed when the decimal point
   * falls between 4 places left of the first digit and 16 places right of it, else exponential.
   */
  private static void decimal(BigDecimal value, StringBuilder out) {
    if (value.signum() == 0) {
      out.append("0.0");
      return;
    }
    if (value.signum() < 0) {
      out.append('-');
      value = value.negate();
    }
    BigDecimal stripped = value.stripTrailingZeros();
    String digits = stripped.unscaledValue().toString();
    // value = 0.<digits> * 10^point
    int point = digits.length() - stripped.scale();
    if (point > -4 && point <= 16) {
      if (point <= 0) {
        out.append("0.").append("0".repeat(-point)).append(digits);
      } else if (point >= digits.length()) {
        out.append(digits).append("0".repeat(point - digits.length())).append(".0");
      } else {
        out.append(digits, 0, point).append('.').append(digits, point, digits.length());
      }
    } else {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exponent = point - 1;
      out.append(exponent < 0 ? "e-" : "e+");
      int magnitude = Math.abs(exponent);
      if (magnitude < 10) {
        out.append('0');
      }
      out.append(magnitude);
    }
  }
}
