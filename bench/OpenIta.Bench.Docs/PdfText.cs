using System.Diagnostics;

namespace OpenIta.Bench.Docs;

/// <summary>Checks a PDF's text with poppler's pdftotext, so both ways are shown to print the same figures.</summary>
internal static class PdfText
{
    /// <summary>True when every needle is in the text; null when pdftotext is not installed.</summary>
    public static bool Contains(byte[] pdf, string folder, params string[] needles)
    {
        if (!File.Exists("/usr/bin/pdftotext"))
        {
            return false;
        }
        var file = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(file, pdf);
        var start = new ProcessStartInfo("/usr/bin/pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(file);
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(file);
        // The documents use Thai digits; compare in Arabic digits.
        var arabic = new string([.. text.Select(c => c is >= '๐' and <= '๙' ? (char)('0' + (c - '๐')) : c)]);
        return needles.All(n => arabic.Contains(n, StringComparison.Ordinal));
    }

    /// <summary>The number of pages (poppler's pdfinfo); 0 when it is not installed.</summary>
    public static int Pages(byte[] pdf)
    {
        if (!File.Exists("/usr/bin/pdfinfo"))
        {
            return 0;
        }
        var file = Path.Combine(Path.GetTempPath(), "openita-bench-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo("/usr/bin/pdfinfo") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var info = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var line = info.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return line is null ? 0 : int.Parse(line[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
