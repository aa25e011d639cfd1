package dev.llmplatform.chattemplate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python string formatting: {@code str.format} (auto and manual field numbering, names, {@code .attr} and
 * {@code [key]} lookups through the sandbox, {@code !r}/{@code !s}, format specs) and the {@code %} operator.
 */
final class PyFormat {

    private static final Pattern SPEC = Pattern.compile(
            "(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\\d+)?([,_])?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?");
    private static final Pattern PERCENT = Pattern.compile(
            "%(?:\\(([^)]*)\\))?([-+ #0]*)(\\d+)?(?:\\.(\\d+))?([sradiufFeEgGxXoc%])");

    private PyFormat() {
    }

    static String format(Interpreter rt, String template, Args args) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        boolean manual = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '}') {
                if (i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    i++;
                    out.append('}');
                    continue;
                }
                throw PyException.value("Single '}' encountered in format string");
            }
            if (c != '{') {
                out.append(c);
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
                i++;
                out.append('{');
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw PyException.value("Single '{' encountered in format string");
            }
            String field = template.substring(i + 1, close);
            i = close;
            String spec = "";
            int colon = field.indexOf(':');
            if (colon >= 0) {
                spec = field.substring(colon + 1);
                field = field.substring(0, colon);
            }
            char conversion = 0;
            int bang = field.indexOf('!');
            if (bang >= 0) {
                conversion = bang + 1 < field.length() ? field.charAt(bang + 1) : '?';
                field = field.substring(0, bang);
            }
            Matcher head = Pattern.compile("^[^.\\[]*").matcher(field);
            head.find();
            String first = head.group();
            Object value;
            if (first.isEmpty() || first.chars().allMatch(Character::isDigit)) {
                int index;
                if (first.isEmpty()) {
                    if (manual) {
                        throw PyException.value("cannot switch from manual field specification to automatic field "
                                + "numbering");
                    }
                    index = auto++;
                } else {
                    if (auto > 0) {
                        throw PyException.value("cannot switch from automatic field numbering to manual field "
                                + "specification");
                    }
                    manual = true;
                    index = Integer.parseInt(first);
                }
                if (index >= args.positional().size()) {
                    throw new PyException(PyException.Kind.RUNTIME, "Replacement index " + index
                            + " out of range for positional args tuple");
                }
                value = args.positional().get(index);
            } else {
                if (!args.keywords().containsKey(first)) {
                    throw new PyException(PyException.Kind.RUNTIME, "KeyError: " + Py.repr(first));
                }
                value = args.keywords().get(first);
            }
            value = lookups(value, field.substring(first.length()));
            if (conversion == 'r' || conversion == 'a') {
                value = Py.repr(value);
            } else if (conversion == 's') {
                value = Py.str(value);
            } else if (conversion != 0) {
                throw PyException.value("Unknown conversion specifier " + conversion);
            }
            out.append(formatValue(value, spec));
            rt.checkSize(out.length());
        }
        rt.chargeChars(out.length());
        return out.toString();
    }

    private static Object lookups(Object value, String rest) {
        Matcher m = Pattern.compile("\\.([^.\\[]+)|\\[([^]]+)]").matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at) {
                throw PyException.value("Only '.' or '[' may follow ']' in format field specifier");
            }
            if (m.group(1) != null) {
                value = Attributes.getattr(value, m.group(1));
            } else {
                String key = m.group(2);
                value = Attributes.getitem(value, key.chars().allMatch(Character::isDigit) ? (Object) Long.valueOf(key)
                        : key);
            }
            at = m.end();
        }
        return value;
    }

    /** {@code format(value, spec)} for str, int, float, bool and None. */
    static String formatValue(Object value, String spec) {
        if (spec.isEmpty()) {
            return Py.str(value);
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw PyException.value("Invalid format specifier '" + spec + "' for object of type '"
                    + Py.typeName(value) + "'");
        }
        String fill = m.group(1) != null ? m.group(1) : (m.group(5) != null ? "0" : " ");
        String align = m.group(2) != null ? m.group(2) : (m.group(5) != null ? "=" : null);
        String sign = m.group(3) != null ? m.group(3) : "-";
        int width = m.group(6) != null ? Integer.parseInt(m.group(6)) : 0;
        String grouping = m.group(7);
        Integer precision = m.group(8) != null ? Integer.valueOf(m.group(8)) : null;
        String type = m.group(9) != null ? m.group(9) : "";
        String body;
        boolean numeric = Py.isNumber(value);
        if (value instanceof String s) {
            if (!type.isEmpty() && !type.equals("s")) {
                throw PyException.value("Unknown format code '" + type + "' for object of type 'str'");
            }
            body = precision != null && precision < PyStr.length(s) ? s.substring(0, PyStr.toCharIndex(s, precision))
                    : s;
        } else if (numeric) {
            body = formatNumber(value, type, precision, grouping);
        } else {
            throw PyException.type("unsupported format string passed to " + Py.typeName(value) + ".__format__");
        }
        String prefix = "";
        if (numeric) {
            if (body.startsWith("-")) {
                prefix = "-";
                body = body.substring(1);
            } else if (!sign.equals("-")) {
                prefix = sign;
            }
        }
        String effectiveAlign = align != null ? align : (numeric ? ">" : "<");
        int padding = Math.max(0, width - PyStr.length(prefix + body));
        return switch (effectiveAlign) {
            case "<" -> prefix + body + fill.repeat(padding);
            case "^" -> fill.repeat(padding / 2) + prefix + body + fill.repeat(padding - padding / 2);
            case "=" -> prefix + fill.repeat(padding) + body;
            default -> fill.repeat(padding) + prefix + body;
        };
    }

    private static String formatNumber(Object value, String type, Integer precision, String grouping) {
        String out;
        if (Py.isInt(value) && "bcdoxXn".contains(type)) {
            long n = Py.asLong(value);
            out = switch (type) {
                case "b" -> Long.toBinaryString(n);
                case "o" -> Long.toOctalString(n);
                case "x" -> Long.toHexString(n);
                case "X" -> Long.toHexString(n).toUpperCase();
                case "c" -> new String(Character.toChars((int) n));
                default -> Long.toString(n);
            };
            if (n < 0 && "boxX".contains(type)) {
                out = "-" + Long.toString(-n, type.equals("b") ? 2 : type.equals("o") ? 8 : 16);
                out = type.equals("X") ? out.toUpperCase() : out;
            }
        } else if ("bcdoxXn".contains(type) && !type.isEmpty()) {
            throw PyException.value("Unknown format code '" + type + "' for object of type 'float'");
        } else {
            double d = Py.asDouble(value);
            out = switch (type) {
                case "f", "F" -> fixed(d, precision == null ? 6 : precision);
                case "e", "E" -> exponent(d, precision == null ? 6 : precision, type.equals("E"));
                case "%" -> fixed(d * 100, precision == null ? 6 : precision) + "%";
                case "g", "G" -> general(d, precision == null ? 6 : precision);
                default -> precision == null ? Py.str(value instanceof Double ? value : (Object) d) : general(d,
                        precision);
            };
        }
        if (grouping != null) {
            int dot = out.indexOf('.');
            String integral = dot >= 0 ? out.substring(0, dot) : out;
            String rest = dot >= 0 ? out.substring(dot) : "";
            boolean negative = integral.startsWith("-");
            String digits = negative ? integral.substring(1) : integral;
            StringBuilder grouped = new StringBuilder();
            for (int i = 0; i < digits.length(); i++) {
                if (i > 0 && (digits.length() - i) % 3 == 0) {
                    grouped.append(grouping);
                }
                grouped.append(digits.charAt(i));
            }
            out = (negative ? "-" : "") + grouped + rest;
        }
        return out;
    }

    static String fixed(double d, int precision) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Py.floatRepr(d);
        }
        String s = new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return (d < 0 || (d == 0 && 1 / d < 0)) && !s.startsWith("-") ? "-" + s : s;
    }

    static String exponent(double d, int precision, boolean upper) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Py.floatRepr(d);
        }
        String out;
        if (d == 0) {
            out = (1 / d < 0 ? "-" : "") + "0" + (precision > 0 ? "." + "0".repeat(precision) : "") + "e+00";
        } else {
            BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            String digits = rounded.unscaledValue().abs().toString();
            digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
            int exp = rounded.precision() - rounded.scale() - 1;
            out = (d < 0 ? "-" : "") + digits.charAt(0) + (precision > 0 ? "." + digits.substring(1) : "")
                    + (exp < 0 ? "e-" : "e+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return upper ? out.toUpperCase() : out;
    }

    private static String general(double d, int precision) {
        int p = precision == 0 ? 1 : precision;
        if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
            return d == 0 ? (1 / d < 0 ? "-0" : "0") : Py.floatRepr(d);
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        String out = exp >= -4 && exp < p ? fixed(d, p - 1 - exp) : exponent(d, p - 1, false);
        int e = out.indexOf('e');
        String mantissa = e >= 0 ? out.substring(0, e) : out;
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + (e >= 0 ? out.substring(e) : "");
    }

    /** Python's {@code template % values}. */
    static String percent(Interpreter rt, String template, Object values) {
        List<Object> positional = values instanceof Tuple t ? t : Collections.singletonList(values);
        Map<?, ?> mapping = values instanceof Map<?, ?> map ? map : null;
        StringBuilder out = new StringBuilder();
        Matcher m = PERCENT.matcher(template);
        int at = 0;
        int next = 0;
        while (m.find(at)) {
            out.append(template, at, m.start());
            at = m.end();
            String type = m.group(5);
            if (type.equals("%")) {
                out.append('%');
                continue;
            }
            Object value;
            if (m.group(1) != null) {
                if (mapping == null) {
                    throw PyException.type("format requires a mapping");
                }
                value = mapping.get(m.group(1));
            } else {
                if (next >= positional.size()) {
                    throw PyException.type("not enough arguments for format string");
                }
                value = positional.get(next++);
            }
            String flags = m.group(2);
            String align = flags.contains("-") ? "<" : flags.contains("0") ? "" : ">";
            String spec = align + (flags.contains("+") ? "+" : flags.contains(" ") ? " "
                    : "") + (flags.contains("0") && !flags.contains("-") ? "0" : "")
                    + (m.group(3) != null ? m.group(3) : "") + (m.group(4) != null ? "." + m.group(4) : "");
            String text = switch (type) {
                case "s" -> formatValue(Py.str(value), spec.replace("+", "").replace(" ", ""));
                case "r", "a" -> formatValue(Py.repr(value), spec);
                case "i", "u" -> formatValue(toInt(value), spec + "d");
                case "d" -> formatValue(toInt(value), spec + "d");
                default -> formatValue(Py.isNumber(value) ? value : failNumber(value), spec + type);
            };
            out.append(text);
            rt.checkSize(out.length());
        }
        out.append(template, at, template.length());
        boolean mappingLike = mapping != null || values instanceof Undefined
                || (values instanceof List && !(values instanceof Tuple));
        if (!mappingLike && next < positional.size()) {
            throw PyException.type("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static Object toInt(Object value) {
        if (value instanceof Double d) {
            return (long) d.doubleValue();
        }
        return Py.isInt(value) ? value : failNumber(value);
    }

    private static Object failNumber(Object value) {
        throw PyException.type("%d format: a real number is required, not " + Py.typeName(value));
    }
}
