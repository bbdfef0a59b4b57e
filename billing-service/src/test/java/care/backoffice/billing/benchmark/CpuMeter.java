package care.backoffice.billing.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds used by this JVM and by the PostgreSQL processes it started (the embedded server and its
 * backends), so that the benchmark can print work done next to wall-clock time on a machine shared with
 * other builds. Linux only (/proc).
 */
public final class CpuMeter {

    private static final double TICKS = 100.0;   // USER_HZ, 100 on Linux x86-64

    private CpuMeter() {}

    public record Sample(double jvm, double postgres) {
        public double[] minus(Sample earlier) {
            return new double[] {jvm - earlier.jvm, postgres - earlier.postgres};
        }
    }

    static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1]};
    }

    /** @param postmaster the PostgreSQL server process (the parent of any backend: {@code select pg_backend_pid()}) */
    public static Sample sample(long postmaster) {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new Sample(jvm, postgres(postmaster));
    }

    /** The parent process of a process, e.g. of a PostgreSQL backend: its postmaster. */
    public static long parent(long pid) {
        try {
            return Long.parseLong(fields(Files.readString(Path.of("/proc/" + pid + "/stat")))[1]);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * CPU seconds of this JVM's compiler (JIT) and garbage-collector threads so far, read from /proc/self/task:
     * {jit, gc}. The rest of the process's CPU is the application's own work.
     */
    static double[] jitAndGc() {
        long jit = 0;
        long gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = fields(stat);
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    if (comm.contains("CompilerThre")) {
                        jit += ticks;
                    } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
                        gc += ticks;
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return new double[] {0, 0};
        }
        return new double[] {jit / TICKS, gc / TICKS};
    }

    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** utime + stime of the postmaster, of the backends it has reaped and of those still running. */
    private static double postgres(long postmaster) {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String[] f = fields(Files.readString(p.resolve("stat")));
                    long pid = Long.parseLong(name);
                    // fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
                    if (pid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    } else if (Long.parseLong(f[1]) == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / TICKS;
    }

    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
