using System.CommandLine;
using OpenIta.Cli.Output;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;

namespace OpenIta.Cli.Commands;

/// <summary><c>openita score FILE|-</c>: scores an agency's results from any level given in a JSON file.</summary>
public static class ScoreCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file")
        {
            Description = "The JSON input (README.md shows its fields), or - for standard input.",
        };
        var format = new Option<string>("--format")
        {
            Description = "table (a readable Thai/English summary) or json.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("score", "Score an agency's ITA results and check published figures.") { file, format };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file)!;
            var json = path == "-" ? context.In.ReadToEnd() : ReadFile(path);
            var catalog = context.Frameworks(parsed);
            var read = ScoreInputReader.Read(json, catalog.Find);
            var framework = catalog.Get(read.Input.Year);
            var card = ScoringEngine.Score(framework, read.Input);
            if (parsed.GetValue(format) == "json")
            {
                context.Out.WriteLine(ScoreCardWriter.Write(card, read.Ignored));
            }
            else
            {
                ScoreTable.Write(context.Out, framework, card, read.Ignored, read.Input.Published is not null);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static string ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such file");
        }
        return File.ReadAllText(path);
    }
}
