using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenIta.Bench;

/// <summary>
/// The CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on a machine shared with
/// other builds, wall time counts the time slices given to other processes; the thread's CPU time does not.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ThreadCpuClock = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static double Now()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ThreadCpuClock, out var t) != 0)
        {
            return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        }
        return t.Seconds + (t.Nanoseconds / 1e9);
    }

    /// <summary>Seconds of this thread's CPU time that <paramref name="run"/> took (single-threaded work only).</summary>
    public static double Time<T>(Func<T> run)
    {
        var start = Now();
        GC.KeepAlive(run());
        return Now() - start;
    }
}
