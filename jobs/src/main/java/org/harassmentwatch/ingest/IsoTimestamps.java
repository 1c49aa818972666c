package org.harassmentwatch.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * ISO-8601 timestamps with an explicit UTC offset, to and from UTC epoch milliseconds.
 *
 * <p>Parsing accepts exactly what {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} accepts. The common shape
 * {@code yyyy-MM-ddTHH:mm[:ss[.fraction]](Z|±HH:MM)} is parsed by hand (this is on the per-message hot path and
 * {@code DateTimeFormatter} costs about a microsecond); anything else goes to the JDK parser, which has the last
 * word. Fractions below a millisecond are truncated, like {@link Instant#toEpochMilli()}.
 */
public final class IsoTimestamps {

    private static final long NOT_PARSED = Long.MIN_VALUE;
    private static final DateTimeFormatter WIDE_YEAR_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private IsoTimestamps() {
    }

    /**
     * UTC epoch millis of an ISO-8601 date-time with offset, e.g. "2026-03-01T12:00:00Z" or
     * "2026-03-01T13:00:00.250+01:00".
     *
     * @throws DateTimeException when it is not such a timestamp (including a missing offset) or is out of range
     */
    public static long parseEpochMillis(String text) {
        long millis = parseCommonShape(text);
        if (millis != NOT_PARSED) {
            return millis;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (ArithmeticException e) {
            throw new DateTimeException("out of the epoch-millisecond range: " + text, e);
        }
    }

    /** Whether {@code text} is a valid ISO-8601 local date-time, i.e. a timestamp whose only fault is no offset. */
    public static boolean isLocalDateTime(String text) {
        try {
            LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** "yyyy-MM-ddTHH:mm:ss.SSSZ" in UTC, always with milliseconds (years beyond 0000..9999 get a sign). */
    public static String formatUtcMillis(long epochMillis) {
        long epochDay = Math.floorDiv(epochMillis, 86_400_000L);
        int millisOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return WIDE_YEAR_UTC.format(Instant.ofEpochMilli(epochMillis));
        }
        char[] out = new char[24];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, millisOfDay / 3_600_000, 2);
        out[13] = ':';
        put(out, 14, millisOfDay / 60_000 % 60, 2);
        out[16] = ':';
        put(out, 17, millisOfDay / 1000 % 60, 2);
        out[19] = '.';
        put(out, 20, millisOfDay % 1000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Hand parser for the common shape; NOT_PARSED for anything it does not fully understand. */
    private static long parseCommonShape(String s) {
        int n = s.length();
        if (n < 17 || n > 35) {
            return NOT_PARSED;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return NOT_PARSED;
        }
        if (day > 28 && day > lengthOfMonth(year, month)) {
            return NOT_PARSED;
        }
        int i = 16;
        int second = 0;
        int millis = 0;
        if (i < n && s.charAt(i) == ':') {
            second = digits(s, i + 1, 2);
            if (second < 0 || second > 59) {
                return NOT_PARSED;
            }
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && isDigit(s.charAt(i))) {
                    if (i - start < 3) {
                        millis = millis * 10 + (s.charAt(i) - '0');
                    }
                    i++;
                }
                int fractionDigits = i - start;
                if (fractionDigits == 0 || fractionDigits > 9) {
                    return NOT_PARSED;
                }
                for (int k = fractionDigits; k < 3; k++) {
                    millis *= 10;
                }
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
                return NOT_PARSED;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return NOT_PARSED;
        }
        long epochDay = epochDay(year, month, day);
        long epochSecond = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSecond * 1000L + millis;
    }

    /**
     * Days since 1970-01-01 of a valid proleptic-Gregorian date, by arithmetic (H. Hinnant's days_from_civil): the
     * same as {@code LocalDate.of(year, month, day).toEpochDay()} without building a date on every message.
     */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int digits(String s, int at, int count) {
        if (at + count > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
