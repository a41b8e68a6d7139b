using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace OpenIta.Testing;

/// <summary>
/// Snapshot tests for text people read: the text must equal <c>Approved/NAME.approved.txt</c> beside the test file.
/// On a difference the test fails with the first differing lines and writes <c>NAME.received.txt</c>;
/// run with <c>OPENITA_ACCEPT=1</c> to accept the received text as approved.
/// </summary>
public static class Approvals
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Approved");
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("OPENITA_ACCEPT") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(approvedPath, normalized, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;
        if (approved == normalized)
        {
            File.Delete(receivedPath);
            return;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, normalized, new UTF8Encoding(false));
        Assert.Fail(approved is null
            ? $"No approved snapshot {approvedPath}. Review {receivedPath}, then run with OPENITA_ACCEPT=1 to accept it."
            : $"{name} differs from its approved snapshot:{Environment.NewLine}{Diff(approved, normalized)}{Environment.NewLine}Received text: {receivedPath}");
    }

    private static string Diff(string approved, string received)
    {
        var a = approved.Split('\n');
        var b = received.Split('\n');
        var lines = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(a.Length, b.Length) && shown < 12; i++)
        {
            var left = i < a.Length ? a[i] : "<none>";
            var right = i < b.Length ? b[i] : "<none>";
            if (left != right)
            {
                lines.Append("line ").Append(i + 1).AppendLine(":").Append("  - ").AppendLine(left).Append("  + ").AppendLine(right);
                shown++;
            }
        }
        return lines.ToString();
    }
}
