using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenIta.Testing;

/// <summary>What a benchmark report says about the machine and the code it measured.</summary>
public static class BenchmarkMachine
{
    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} logical processors, {CpuModel()}, {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), {RuntimeInformation.OSDescription}, GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");

    /// <summary>The commit measured, and whether src/ had uncommitted changes.</summary>
    public static string Source()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "OpenIta.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar));
        }
        if (root is null)
        {
            return "commit unknown (no OpenIta.sln above the program)";
        }
        var head = Git(root, "rev-parse", "--short", "HEAD");
        var dirty = Git(root, "status", "--porcelain", "--", "src");
        return head is null ? "commit unknown (git failed)" : $"commit {head.Trim()}, src/ {(string.IsNullOrWhiteSpace(dirty) ? "clean" : "with uncommitted changes")}";
    }

    private static string? Git(string directory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-C");
            start.ArgumentList.Add(directory);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "CPU model unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "CPU model unknown";
        }
    }
}
