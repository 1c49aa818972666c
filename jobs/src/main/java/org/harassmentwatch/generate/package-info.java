/**
 * Synthetic social-media traffic with planted harassment campaigns, decoys and a ground-truth file, for the demo,
 * for measuring the detector's precision and recall, and for benchmarks.
 *
 * <p>Entry points: {@link org.harassmentwatch.generate.TrafficGenerator} (files, or a stream of NDJSON lines),
 * {@link org.harassmentwatch.generate.GeneratorConfig} (options), {@link org.harassmentwatch.generate.GroundTruth}
 * ({@code truth.json}) and the {@code generate} CLI command {@link org.harassmentwatch.generate.GenerateCommand}.
 *
 * <p>How a run is built: campaigns and decoys are planned up front (a few percent of the messages, each from its
 * own split of the seeded {@link java.util.SplittableRandom}); background traffic is drawn on the fly along a
 * daily activity curve and merged with the plan by time; ids are assigned in event-time order; a share of lines
 * is then held back and written late. Text comes from {@code generator/templates.txt}: abusive templates mark
 * their abusive words as cue spans, which evasions (leetspeak, separators, spacing, stretching, fullwidth) may
 * disguise; benign templates never contain an abuse cue phrase, but include look-alikes ("you killed it",
 * "Scunthorpe"). Everything is deterministic: same config, same bytes.
 */
package org.harassmentwatch.generate;
