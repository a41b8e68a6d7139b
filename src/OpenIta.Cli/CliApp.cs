using System.CommandLine;
using System.CommandLine.Help;
using OpenIta.Cli.Commands;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;

namespace OpenIta.Cli;

/// <summary>
/// The <c>openita</c> command. Thin: it reads input, calls the core and prints. Exit codes: 0 done, 2 the user's input
/// or arguments are wrong (one clear message on stderr), 1 anything else (a message, never a stack trace).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdin, stdout, stderr, TimeProvider.System);

    /// <summary>Runs with <paramref name="clock"/> as "now" (the date documents carry).</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(stdin, stdout, stderr, clock);
        // A plain command named openita, not RootCommand, so that help names the program as people type it.
        var root = new Command("openita", "OpenITA: the ITA methodology of each fiscal year, an exact scoring engine and the agency's follow-up work.")
        {
            new HelpOption(),
            new VersionOption(),
            ScoreCommand.Create(context),
            FrameworksCommand.Create(context),
            SampleSizeCommand.Create(context),
            UsersCommand.Create(context),
            DemoCommand.Create(context),
            DocsCommand.Create(context),
            RescoreCommand.Create(context),
            PlanCommand.Create(context),
            QuestionnaireCommand.Create(context),
        };
        root.Options.Add(CliContext.FrameworksOption);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"openita: {error.Message}");
            }
            stderr.WriteLine("Try 'openita --help'.");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (FrameworkException e)
        {
            stderr.WriteLine($"openita: a framework file is not valid:{Environment.NewLine}{e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is UsageException or ScoreInputException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"openita: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"openita: internal error: {e.Message}");
            return Failed;
        }
    }
}

/// <summary>A mistake in the command line or its files that the user can fix; reported with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    public UsageException() : this("wrong usage")
    {
    }

    public UsageException(string message, Exception innerException) : this(message + ": " + innerException?.Message)
    {
    }
}

/// <summary>What every command shares: the console streams and the frameworks.</summary>
public sealed class CliContext(TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider clock)
{
    public static readonly Option<DirectoryInfo?> FrameworksOption = new("--frameworks")
    {
        Description = "Load the framework files (fyYYYY.yaml) from this folder instead of the built-in ones.",
        Recursive = true,
    };

    public TextReader In { get; } = stdin;
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>"Now": the system clock, or a fixed one in tests.</summary>
    public TimeProvider Clock { get; } = clock;

    public FrameworkCatalog Frameworks(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.GetValue(FrameworksOption) is not { } folder)
        {
            return FrameworkCatalog.BuiltIn;
        }
        if (!folder.Exists)
        {
            throw new UsageException($"--frameworks: the folder {folder.FullName} does not exist");
        }
        var files = folder.GetFiles("fy*.yaml").OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => (f.Name, File.ReadAllText(f.FullName))).ToList();
        if (files.Count == 0)
        {
            throw new UsageException($"--frameworks: no fyYYYY.yaml files in {folder.FullName}");
        }
        return FrameworkCatalog.FromFiles(files);
    }
}
