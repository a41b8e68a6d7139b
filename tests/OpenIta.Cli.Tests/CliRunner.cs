using System.Diagnostics;
using OpenIta.Testing;

namespace OpenIta.Cli.Tests;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs <c>openita</c> in-process (fast), or as the real program for what only a process shows.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args) => RunWithInput("", args);

    public static CliResult RunWithInput(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, input, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static string Example(string name) => Path.Combine(RepositoryPaths.Root, "examples", name);

    /// <summary>Starts the built <c>openita</c> assembly with <c>dotnet</c>, feeding <paramref name="stdin"/>.</summary>
    public static async Task<CliResult> RunProcessAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "openita.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await output, await error);
    }
}
