using System.Diagnostics;
using System.Globalization;

namespace OpenIta.Bench.Docs;

/// <summary>Memory of this process and of the Chromium processes it started (read from /proc on Linux).</summary>
internal static class ProcessMemory
{
    public sealed record Sample(long ManagedHeap, long WorkingSet, long ChildrenRss);

    public static Sample Take()
    {
        using var self = Process.GetCurrentProcess();
        return new Sample(GC.GetTotalMemory(forceFullCollection: false), self.WorkingSet64, DescendantsRss(self.Id));
    }

    public static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>The resident memory of every process below <paramref name="root"/> (Chromium and its helpers).</summary>
    private static long DescendantsRss(int root)
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }
        var parents = new Dictionary<int, int>();
        var rss = new Dictionary<int, long>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(directory, "status")))
                {
                    if (line.StartsWith("PPid:", StringComparison.Ordinal))
                    {
                        parents[pid] = int.Parse(line[5..].Trim(), CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        rss[pid] = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }
            catch (IOException)
            {
                // the process ended while we read
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        long total = 0;
        foreach (var (pid, bytes) in rss)
        {
            for (var p = pid; parents.TryGetValue(p, out var parent) && parent > 1; p = parent)
            {
                if (parent == root)
                {
                    total += bytes;
                    break;
                }
            }
        }
        return total;
    }
}
