package org.harassmentwatch.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the benchmark table and report: a measured figure, optionally with the target it is held to.
 *
 * @param name    stable identifier, e.g. {@code full_over_parse_only}
 * @param value   the measured value, or null when not measured (the note says why)
 * @param unit    msg/s, ratio, bytes, docs/s, ms ...
 * @param target  the target, or null for an absolute figure reported for context
 * @param goal    whether the value must reach the target (at least) or stay within it (at most)
 * @param command the command that reruns this row
 * @param note    how it was measured, input sizes, deviations
 */
record ResultRow(String name, Double value, String unit, Double target, Goal goal, String command, String note) {

    enum Goal {
        AT_LEAST("≥ "), AT_MOST("≤ "), NONE("");

        final String symbol;

        Goal(String symbol) {
            this.symbol = symbol;
        }
    }

    static ResultRow figure(String name, double value, String unit, String command, String note) {
        return new ResultRow(name, value, unit, null, Goal.NONE, command, note);
    }

    static ResultRow atLeast(String name, double value, String unit, double target, String command, String note) {
        return new ResultRow(name, value, unit, target, Goal.AT_LEAST, command, note);
    }

    static ResultRow atMost(String name, double value, String unit, double target, String command, String note) {
        return new ResultRow(name, value, unit, target, Goal.AT_MOST, command, note);
    }

    static ResultRow notMeasured(String name, String unit, double target, Goal goal, String command, String note) {
        return new ResultRow(name, null, unit, target, goal, command, note);
    }

    /** Whether the target is met; null for absolute figures and rows not measured. */
    Boolean met() {
        if (value == null || target == null) {
            return null;
        }
        return goal == Goal.AT_MOST ? value <= target : value >= target;
    }

    /** Ratios to 3 decimals, large figures to whole numbers, small ones to 1 decimal. */
    static double rounded(double v, String unit) {
        if (unit.equals("ratio")) {
            return Math.round(v * 1000) / 1000.0;
        }
        return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10.0;
    }

    /** The JSON object of the report: name, value, unit, target, met, then command and note. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value == null ? null : rounded(value, unit));
        m.put("unit", unit);
        m.put("target", target == null ? null : rounded(target, unit));
        m.put("met", met());
        m.put("command", command);
        m.put("note", note);
        return m;
    }
}
