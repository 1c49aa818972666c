package org.harassmentwatch.generate;

/**
 * Formats UTC epoch millis as {@code 2026-01-05T09:30:00.000Z} without allocating a formatter per call:
 * the generator formats two timestamps per message, and {@code DateTimeFormatter} would dominate the profile.
 * Years must be 0..9999.
 */
final class IsoTime {

    /** Length of the formatted text. */
    static final int LENGTH = 24;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private long cachedDay = Long.MIN_VALUE;
    private final char[] cachedDate = new char[11];

    /** Writes the formatted time into {@code out[0..24)}. */
    void format(long epochMillis, char[] out) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        if (day != cachedDay) {
            writeDate(day, cachedDate);
            cachedDay = day;
        }
        System.arraycopy(cachedDate, 0, out, 0, 11);
        int millisOfDay = (int) (epochMillis - day * MILLIS_PER_DAY);
        int hour = millisOfDay / 3_600_000;
        int minute = millisOfDay / 60_000 % 60;
        int second = millisOfDay / 1000 % 60;
        int millis = millisOfDay % 1000;
        two(out, 11, hour);
        out[13] = ':';
        two(out, 14, minute);
        out[16] = ':';
        two(out, 17, second);
        out[19] = '.';
        out[20] = (char) ('0' + millis / 100);
        out[21] = (char) ('0' + millis / 10 % 10);
        out[22] = (char) ('0' + millis % 10);
        out[23] = 'Z';
    }

    String format(long epochMillis) {
        char[] out = new char[LENGTH];
        format(epochMillis, out);
        return new String(out);
    }

    /** Civil date from days since 1970-01-01 (H. Hinnant's algorithm), written as {@code YYYY-MM-DDT}. */
    private static void writeDate(long epochDay, char[] out) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int dayOfMonth = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " is outside 0..9999");
        }
        int y = (int) year;
        out[0] = (char) ('0' + y / 1000);
        out[1] = (char) ('0' + y / 100 % 10);
        out[2] = (char) ('0' + y / 10 % 10);
        out[3] = (char) ('0' + y % 10);
        out[4] = '-';
        two(out, 5, month);
        out[7] = '-';
        two(out, 8, dayOfMonth);
        out[10] = 'T';
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
