package org.harassmentwatch.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hand-run throughput check (not a unit test): scores a million varied 40-280 char messages on one thread and
 * prints messages per second.
 *
 * <pre>
 * mvn -B -o -q -pl jobs -am test-compile
 * java -cp jobs/target/classes:jobs/target/test-classes org.harassmentwatch.scoring.ScorerThroughput [messages]
 * </pre>
 */
public final class ScorerThroughput {
    private static final String[] OPENERS = {
        "", "", "", "@sam_k ", "@jo ", "lol ", "honestly ", "ok so ", "hey @mia_r ", "@news_desk @ed "};
    private static final String[] BENIGN = {
        "the train was late again this morning and the platform was packed",
        "anyone know a good place for brunch near the station this weekend?",
        "I could kill for a coffee right now, this meeting will not end",
        "you killed it on stage last night, the crowd loved every minute",
        "this song is sick, been on repeat since Friday",
        "that's killer advice, thanks for sharing the thread",
        "kill the process and restart the server, then check the logs",
        "I'm dying of laughter at this video of the cat and the cucumber",
        "you're the bomb, thank you for helping me move the sofa",
        "this traffic is fucking awful, forty minutes to go two miles",
        "Scunthorpe United won 2-1 away from home, what a game",
        "just finished the marathon in 4h12, legs are dead but happy",
        "new blog post on tuning garbage collection for low latency services",
        "can't believe how expensive groceries are these days tbh",
        "the match was postponed because of the storm, refunds on the website",
        "check the schedule at https://example.org/timetable before you travel",
        "congrats on the new job!! you deserve it 🎉🎉",
        "my cat knocked the plant off the shelf for the third time today",
        "we should grab lunch next week, are you free on thursday?",
        "reading about the history of the printing press, fascinating stuff"};
    private static final String[] ABUSIVE = {
        "you are a complete 1d10t and everyone knows it",
        "k.i.l.l y.o.u.r.s.e.l.f nobody would miss you",
        "shut up you stuuupid cow, nobody asked for your opinion",
        "I know where you live and I will find you",
        "go back to your country you dirty immigrant",
        "kys loser, the world is better without you",
        "ur gonna regret this, watch your back",
        "here is her address: 42 Elm Street, call her on 07700 900123",
        "you're such a whore, send nudes",
        "i'll fucking kill you and your family",
        "ｙｏｕ ａｒｅ ｔｒａｓｈ and a waste of space",
        "what a pathetic little man, piece of shit"};
    private static final String[] TAILS = {
        "", "", " lol", " 😂", " #mondays", " smh", ".", "!!", " https://t.co/abc123", " tbh"};

    private ScorerThroughput() {
    }

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> messages = generate(200_000, new Random(42));
        AbuseScorer scorer = AbuseScorer.loadDefault();
        Map<String, Double> none = Map.of();

        long chars = 0;
        for (String m : messages) {
            chars += m.length();
        }
        System.out.printf("messages: %d distinct, mean %.0f chars%n", messages.size(), chars / (double) messages.size());

        // warm-up: let the JIT compile the hot path
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < messages.size(); i++) {
                sink += scorer.score(messages.get(i), none, (i & 3) == 0).evidence().size();
            }
        }
        long abusive = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long threadCpuStart = threads.getCurrentThreadCpuTime();
        long processCpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            AbuseScores s = scorer.score(messages.get(i % messages.size()), none, (i & 3) == 0);
            if (AbuseScorer.isAbusive(s, AbuseScorer.DEFAULT_ABUSIVE_THRESHOLD)) {
                abusive++;
            }
        }
        long elapsed = System.nanoTime() - start;
        long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuStart;
        long processCpu = os.getProcessCpuTime() - processCpuStart;
        // On a shared machine wall time includes waiting for a core; CPU time does not. Process CPU time also
        // counts GC and JIT threads, so it is the honest "one core" figure.
        System.out.printf("scored %d messages, abusive %.1f%% [%d]%n", total, 100.0 * abusive / total, sink);
        System.out.printf("  wall        %.2f s: %,.0f msg/s%n", elapsed / 1e9, total / (elapsed / 1e9));
        System.out.printf("  thread CPU  %.2f s: %,.0f msg/s (%.2f us/msg)%n", threadCpu / 1e9,
                total / (threadCpu / 1e9), threadCpu / 1e3 / total);
        System.out.printf("  process CPU %.2f s: %,.0f msg/s (includes GC and JIT threads)%n", processCpu / 1e9,
                total / (processCpu / 1e9));
    }

    /** Benign messages dominate (about 85%), as on a real platform; lengths are cut to 40-280 chars. */
    static List<String> generate(int count, Random random) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(OPENERS[random.nextInt(OPENERS.length)]);
            int sentences = 1 + random.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    sb.append(". ");
                }
                String[] pool = random.nextInt(100) < 15 ? ABUSIVE : BENIGN;
                sb.append(pool[random.nextInt(pool.length)]);
            }
            sb.append(TAILS[random.nextInt(TAILS.length)]);
            if (random.nextInt(10) == 0) {
                sb.append(' ').append(random.nextInt(100_000)); // some numbers, so digit gates vary
            }
            String text = sb.length() > 280 ? sb.substring(0, 280) : sb.toString();
            out.add(text.length() < 40 ? text + " and that is all I wanted to say" : text);
        }
        return out;
    }
}
