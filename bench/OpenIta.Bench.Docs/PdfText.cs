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
}
