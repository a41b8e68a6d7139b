using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

/// <summary>
/// The seed documents' published figures, extracted as they are printed (Seeds/README.md), go through the same JSON
/// reader and engine as <c>openita score</c>: each recomputed figure must match, and each figure the document gets
/// wrong must be flagged.
/// </summary>
public sealed class SeedFilesTests
{
    public static TheoryData<string, string[]> Files => new()
    {
        { "seed000-spm-2565.json", [] },
        { "seed001-tceb-2563.json", [] },
        // Indicator 4 is printed as 92.13 but its questions I19–I24, as printed, average 92.05.
        { "seed001-tceb-2564.json", ["indicators.4"] },
        { "seed002-mae-nathom-2567.json", [] },
        { "seed003-opdc-2565.json", [] },
        // EIT is printed as 88.75; its parts (84.54, 92.59) and indicators 6–8 both give 88.57.
        { "seed003-opdc-2566.json", ["instruments.EIT", "instruments.EIT (from indicators 6–8)"] },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Published_figures_are_reproduced_and_printing_errors_flagged(string file, string[] flagged)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeds", file));
        var read = ScoreInputReader.Read(json, FrameworkCatalog.BuiltIn.Find);
        var card = ScoringEngine.Score(FrameworkCatalog.BuiltIn.Get(read.Input.Year), read.Input);

        Assert.Equal(flagged.Order(StringComparer.Ordinal), card.Discrepancies.Select(d => d.Field).Order(StringComparer.Ordinal));
        var published = read.Input.Published!;
        Assert.Equal(OpenIta.Core.Scoring.Score.Display(published.Total!.Value), OpenIta.Core.Scoring.Score.Display(card.Total!.Value));
        if (published.Rating is { } rating)
        {
            var level = FrameworkCatalog.BuiltIn.Get(read.Input.Year).Rating.Level(rating);
            Assert.Equal(level, card.Rating);
        }
    }
}
