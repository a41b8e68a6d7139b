using System.Diagnostics;
using System.Text;
using Xunit;

namespace OpenIta.Testing;

/// <summary>Runs the programs the document tests check with (LibreOffice, poppler). A missing program fails the test:
/// ./test.sh installs them.</summary>
public static class ExternalTools
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["libreoffice"] = "libreoffice-writer-nogui",
        ["pdftotext"] = "poppler-utils",
        ["pdffonts"] = "poppler-utils",
        ["pdftoppm"] = "poppler-utils",
        ["pdfinfo"] = "poppler-utils",
        ["chromium"] = "chromium",
    };

    public static string Require(string program)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            $"'{program}' is not installed. ./test.sh installs it (Debian package {Packages.GetValueOrDefault(program, program)}).");
        return found!;
    }

    public static async Task<string> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Require(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {timeout.TotalSeconds} s.");
        }
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>The text of a PDF, as pdftotext extracts it (UTF-8).</summary>
    public static Task<string> PdfTextAsync(string pdf) =>
        RunAsync("pdftotext", ["-enc", "UTF-8", pdf, "-"], TimeSpan.FromSeconds(30));

    /// <summary>The text of a PDF in the order it is written (pdftotext -raw): a table cell's lines stay together, where
    /// the default reads a table line by line across its columns.</summary>
    public static Task<string> PdfRawTextAsync(string pdf) =>
        RunAsync("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"], TimeSpan.FromSeconds(30));

    /// <summary>Text without any white space: pdftotext puts stray spaces after Thai marks and breaks lines.</summary>
    public static string Squeeze(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    /// <summary>Where the tests leave what they render, to be looked at (bin/…/rendered).</summary>
    public static string OutputDirectory(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "rendered", name);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
