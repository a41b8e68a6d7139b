using System.Diagnostics;
using System.Globalization;

namespace OpenIta.Bench.Docs;

/// <summary>
/// LibreOffice headless converting DOCX to PDF, as an agency (or a script) would: <c>soffice --headless --convert-to pdf</c>.
/// Each converter has its own profile folder, made once by a warm-up conversion that is not timed, so a user's running
/// LibreOffice does not interfere and profile creation is not counted.
/// </summary>
internal sealed class LibreOffice : IDisposable
{
    private readonly string _profile = Directory.CreateTempSubdirectory("openita-bench-lo-profile-").FullName;

    public static string? Unavailable() =>
        File.Exists("/usr/bin/soffice") ? null : "LibreOffice not found at /usr/bin/soffice (apt-get install -y libreoffice-writer-nogui)";

    public static string Version()
    {
        var (output, _) = Run(["--version"], null);
        return output.Trim();
    }

    /// <summary>Converts every file in one soffice process; returns the seconds it took.</summary>
    public double Convert(IReadOnlyList<string> docxFiles, string outDir)
    {
        var arguments = new List<string>
        {
            "-env:UserInstallation=file://" + _profile,
            "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir,
        };
        arguments.AddRange(docxFiles);
        var watch = Stopwatch.StartNew();
        var (output, exit) = Run(arguments, null);
        var seconds = watch.Elapsed.TotalSeconds;
        if (exit != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"soffice exited with {exit}: {output}"));
        }
        foreach (var file in docxFiles)
        {
            var pdf = Path.Combine(outDir, Path.GetFileNameWithoutExtension(file) + ".pdf");
            if (!File.Exists(pdf))
            {
                throw new InvalidOperationException($"soffice did not write {pdf}: {output}");
            }
        }
        return seconds;
    }

    private static (string Output, int Exit) Run(IEnumerable<string> arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo("/usr/bin/soffice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (stdout.Result + stderr.Result, process.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // a profile left in /tmp is harmless
        }
    }
}
