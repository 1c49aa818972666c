package org.harassmentwatch.bench;

import java.nio.file.Path;

/**
 * What a benchmark run measures and how big.
 *
 * @param quick           smaller inputs, shorter JMH and sink runs (the whole run under 10 minutes on 2 cores)
 * @param parallelism     Flink parallelism of every job
 * @param messages        generated messages held in memory for the throughput and state rows
 * @param scalingMessages messages per point of the users × backend scaling rows
 * @param rounds          measured rounds of each throughput job and scaling point (best reported)
 * @param seed            generator seed
 * @param esUrl           Elasticsearch to use for the sink rows, or null to start a local node
 * @param dataDir         where the local node keeps its data
 * @param profileDir      when set, JFR recordings of extra (unmeasured) runs go here and their hot spots are printed
 * @param rerunOptions    the options to repeat in each row's rerun command (e.g. {@code --quick})
 */
record BenchSettings(boolean quick, int parallelism, int messages, int scalingMessages, int rounds, long seed,
                     String esUrl, Path dataDir, Path profileDir, String rerunOptions) {

    static final String LAUNCHER = "./harassment-watch bench";

    String rerun(String section) {
        return LAUNCHER + " --only " + section + rerunOptions;
    }
}
