using System.Globalization;

namespace OpenIta.Bench.Docs;

/// <summary>
/// CPU time (user + system) of this process and every process below it, living or ended: Chromium's browser,
/// renderers and helpers, and each soffice run (an ended child's time is in its parent's cutime/cstime once it is
/// reaped, and this process reaps soffice). On a machine shared with other builds, wall time counts other processes'
/// time slices; this does not. Linux only (/proc); elsewhere 0.
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Seconds of CPU used so far by this process and its descendants.</summary>
    public static double Now()
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }
        var self = Environment.ProcessId;
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // After the command's closing parenthesis: state ppid ... utime(14) stime(15) cutime(16) cstime(17)
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // the process ended while we read it
            }
        }
        long total = 0;
        foreach (var (pid, t) in ticks)
        {
            for (var p = pid; ;)
            {
                if (p == self)
                {
                    total += t;
                    break;
                }
                if (!parents.TryGetValue(p, out var parent) || parent <= 1)
                {
                    break;
                }
                p = parent;
            }
        }
        return total / TicksPerSecond;
    }

    /// <summary>Wall and CPU seconds of <paramref name="run"/>.</summary>
    public static async Task<(double Wall, double Cpu)> MeasureAsync(Func<Task> run)
    {
        var cpu = Now();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await run();
        var wall = watch.Elapsed.TotalSeconds;
        return (wall, Now() - cpu);
    }
}
