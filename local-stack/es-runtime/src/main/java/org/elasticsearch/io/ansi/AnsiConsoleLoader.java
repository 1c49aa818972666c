package org.elasticsearch.io.ansi;

import java.util.function.Supplier;

import org.elasticsearch.bootstrap.ConsoleLoader;

/**
 * Stand-in for the unpublished ANSI console library: the server insists on loading this class from
 * {@code lib/tools/ansi-console}, and {@code null} means "no interactive console", which is the truth for a
 * node whose output goes to a log file.
 */
public final class AnsiConsoleLoader implements Supplier<ConsoleLoader.Console> {
    @Override
    public ConsoleLoader.Console get() {
        return null;
    }
}
