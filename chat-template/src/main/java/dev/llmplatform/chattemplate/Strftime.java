package dev.llmplatform.chattemplate;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Python's {@code datetime.strftime} on a naive local time, with glibc's C-locale formats and flags
 * ({@code -} no padding, {@code _} space padding, {@code 0} zero padding, {@code ^} upper case). {@code %z} and
 * {@code %Z} are empty, as for transformers' naive {@code datetime.now()}.
 */
final class Strftime {

    private Strftime() {
    }

    static String format(ZonedDateTime t, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            int start = i;
            char flag = 0;
            char next = format.charAt(i + 1);
            if ((next == '-' || next == '_' || next == '0' || next == '^') && i + 2 < format.length()) {
                flag = next;
                i++;
            }
            char code = format.charAt(++i);
            String field = field(t, code);
            if (field == null) {
                out.append(format, start, i + 1);
            } else {
                out.append(applyFlag(field, code, flag));
            }
        }
        return out.toString();
    }

    private static String applyFlag(String field, char code, char flag) {
        if (flag == '^') {
            return field.toUpperCase(Locale.ROOT);
        }
        boolean numeric = !field.isEmpty() && field.chars().allMatch(ch -> ch == ' ' || Character.isDigit(ch))
                && "dHIjmMSUWVyCgeklGY".indexOf(code) >= 0;
        if (!numeric || flag == 0) {
            return field;
        }
        String digits = field.strip().replaceFirst("^0+(?=\\d)", "");
        return switch (flag) {
            case '-' -> digits;
            case '_' -> " ".repeat(Math.max(0, field.length() - digits.length())) + digits;
            default -> "0".repeat(Math.max(0, field.length() - digits.length())) + digits;
        };
    }

    private static String field(ZonedDateTime t, char code) {
        return switch (code) {
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'c' -> format(t, "%a %b %e %H:%M:%S %Y");
            case 'C' -> two(t.getYear() / 100);
            case 'd' -> two(t.getDayOfMonth());
            case 'D', 'x' -> format(t, "%m/%d/%y");
            case 'e' -> String.format("%2d", t.getDayOfMonth());
            case 'f' -> String.format("%06d", t.getNano() / 1000);
            case 'F' -> format(t, "%Y-%m-%d");
            case 'G' -> String.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'g' -> two(t.get(IsoFields.WEEK_BASED_YEAR) % 100);
            case 'H' -> two(t.getHour());
            case 'I' -> two(hour12(t));
            case 'j' -> String.format("%03d", t.getDayOfYear());
            case 'k' -> String.format("%2d", t.getHour());
            case 'l' -> String.format("%2d", hour12(t));
            case 'm' -> two(t.getMonthValue());
            case 'M' -> two(t.getMinute());
            case 'n' -> "\n";
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'P' -> t.getHour() < 12 ? "am" : "pm";
            case 'r' -> format(t, "%I:%M:%S %p");
            case 'R' -> format(t, "%H:%M");
            case 's' -> String.valueOf(t.toEpochSecond());
            case 'S' -> two(t.getSecond());
            case 't' -> "\t";
            case 'T', 'X' -> format(t, "%H:%M:%S");
            case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
            case 'U' -> two((t.getDayOfYear() - 1 + 7 - t.getDayOfWeek().getValue() % 7) / 7);
            case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
            case 'W' -> two((t.getDayOfYear() - 1 + 7 - (t.getDayOfWeek().getValue() - 1)) / 7);
            case 'y' -> two(t.getYear() % 100);
            case 'Y' -> String.valueOf(t.getYear());
            case 'z', 'Z' -> "";
            case '%' -> "%";
            default -> null;
        };
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
