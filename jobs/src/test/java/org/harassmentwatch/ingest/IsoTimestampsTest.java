package org.harassmentwatch.ingest;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoTimestampsTest {

    /** What the JDK says: epoch millis, or null when it rejects the text. */
    private static Long jdk(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Long ours(String text) {
        try {
            return IsoTimestamps.parseEpochMillis(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Test
    void acceptsExactlyWhatTheJdkAcceptsWithTheSameValue() {
        List<String> dates = List.of("2026-03-01", "1970-01-01", "0000-01-01", "9999-12-31", "2024-02-29",
                "2023-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01", "+12026-01-01",
                "-0001-01-01");
        List<String> times = List.of("T12:00", "T12:00:00", "T23:59:59", "T24:00:00", "T12:60:00", "T12:00:60",
                "T00:00:00.5", "T00:00:00.25", "T00:00:00.123", "T00:00:00.123456789", "T00:00:00.1234567890",
                "T00:00:00.", "t12:00:00", " 12:00:00", "T1:00:00", "T12:00:00,5");
        List<String> offsets = List.of("Z", "z", "+00:00", "-00:00", "+01:00", "-05:30", "+14:00", "+17:59",
                "+18:00", "-18:00", "+18:01", "+19:00", "+01:00:30", "+0100", "+01", "", "UTC", "Z ", "+01:60");
        List<String> all = new ArrayList<>();
        for (String date : dates) {
            for (String time : times) {
                for (String offset : offsets) {
                    all.add(date + time + offset);
                }
            }
        }
        int accepted = 0;
        for (String text : all) {
            Long expected = jdk(text);
            assertThat(ours(text)).as(text).isEqualTo(expected);
            if (expected != null) {
                accepted++;
            }
        }
        assertThat(accepted).as("the corpus has valid timestamps too").isGreaterThan(500);
    }

    @Test
    void randomTimestampsRoundTripThroughEveryOffsetAndPrecision() {
        Random random = new Random(1);
        DateTimeFormatter[] formats = {
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmXXX"),
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX"),
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SXXX"),
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX"),
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX"),
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX"),
        };
        for (int i = 0; i < 20_000; i++) {
            long seconds = -5_000_000_000L + (long) (random.nextDouble() * 10_000_000_000L);
            Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(2 * 18 * 4 + 1) - 18 * 4) * 15 * 60);
            String text = formats[random.nextInt(formats.length)].format(instant.atOffset(offset));

            assertThat(ours(text)).as(text).isNotNull().isEqualTo(jdk(text));
        }
    }

    @Test
    void outOfRangeYearsAreRejectedNotOverflowed() {
        assertThatThrownBy(() -> IsoTimestamps.parseEpochMillis("+999999999-12-31T23:59:59Z"))
                .isInstanceOf(DateTimeException.class);
    }

    @Test
    void formatsUtcWithMillisAndZ() {
        assertThat(IsoTimestamps.formatUtcMillis(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(IsoTimestamps.formatUtcMillis(Instant.parse("2026-03-01T12:00:00.250Z").toEpochMilli()))
                .isEqualTo("2026-03-01T12:00:00.250Z");
        assertThat(IsoTimestamps.formatUtcMillis(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    void formattingMatchesTheJdkEverywhere() {
        DateTimeFormatter jdk = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        Random random = new Random(3);
        long[] edges = {Instant.parse("0000-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(),
                Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("-0001-12-31T23:59:59.999Z").toEpochMilli()};
        for (long millis : edges) {
            assertThat(IsoTimestamps.formatUtcMillis(millis)).isEqualTo(jdk.format(Instant.ofEpochMilli(millis)));
        }
        for (int i = 0; i < 20_000; i++) {
            long millis = (long) ((random.nextDouble() - 0.5) * 2 * 250_000_000_000_000L);
            assertThat(IsoTimestamps.formatUtcMillis(millis)).isEqualTo(jdk.format(Instant.ofEpochMilli(millis)));
        }
    }

    @Test
    void tellsAMissingOffsetFromGarbage() {
        assertThat(IsoTimestamps.isLocalDateTime("2026-03-01T12:00:00")).isTrue();
        assertThat(IsoTimestamps.isLocalDateTime("2026-13-01T12:00:00")).isFalse();
        assertThat(IsoTimestamps.isLocalDateTime("yesterday")).isFalse();
    }

    @Test
    void epochDayArithmeticAgreesWithLocalDateOnEveryDayOfYearsZeroToNineThousandNineHundredNinetyNine() {
        for (long d = java.time.LocalDate.of(0, 1, 1).toEpochDay(); d <= java.time.LocalDate.of(9999, 12, 31).toEpochDay(); d++) {
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(d);
            if (IsoTimestamps.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()) != d
                    || IsoTimestamps.lengthOfMonth(date.getYear(), date.getMonthValue()) != date.lengthOfMonth()) {
                throw new AssertionError("differs on " + date);
            }
        }
    }
}
