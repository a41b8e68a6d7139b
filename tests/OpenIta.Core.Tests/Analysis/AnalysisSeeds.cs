using System.Text.Json;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;

namespace OpenIta.Core.Tests.Analysis;

/// <summary>The seeds' published figures (Seeds/*.json), scored by the engine as <c>openita score</c> does.</summary>
internal static class AnalysisSeeds
{
    public static string Text(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeds", file));

    public static (Framework Framework, ScoreCard Card) Load(string file)
    {
        var read = ScoreInputReader.Read(Text(file), FrameworkCatalog.BuiltIn.Find);
        var framework = FrameworkCatalog.BuiltIn.Get(read.Input.Year);
        return (framework, ScoringEngine.Score(framework, read.Input));
    }

    /// <summary>The seed's own tiers by code (the <c>tiers</c> field).</summary>
    public static IReadOnlyDictionary<string, string> Tiers(string file)
    {
        using var document = JsonDocument.Parse(Text(file));
        return document.RootElement.GetProperty("tiers").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    /// <summary>The seed's printed per-question scores by code (the <c>questions</c> field).</summary>
    public static IReadOnlyDictionary<string, decimal> Questions(string file)
    {
        using var document = JsonDocument.Parse(Text(file));
        return document.RootElement.GetProperty("questions").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetDecimal(), StringComparer.Ordinal);
    }
}
