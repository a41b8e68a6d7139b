using Microsoft.AspNetCore.Html;
using OpenIta.Core.Scoring;

namespace OpenIta.Web.Features.Shared.Charts;

/// <param name="Label">Written above the bar (a Thai indicator name fits a phone's width there).</param>
/// <param name="Value">A score from 0 to 100; null draws no bar and a dash.</param>
public sealed record Bar(string Label, decimal? Value);

/// <summary>
/// Horizontal bars of scores on a 0–100 scale, each labelled above its bar, with a dashed line at a mark (85): bars at
/// or above the mark are drawn as passing, the others as failing. Labels above the bars keep the text large on a phone.
/// </summary>
public static class BarChart
{
    private const double Width = 480;
    private const double Left = 6;
    private const double Right = 58;
    private const double Top = 26;
    private const double Row = 44;
    private const double BarHeight = 16;
    private const double Axis = 28;

    public static HtmlString Render(string title, IReadOnlyList<Bar> bars, decimal? mark, string? markLabel)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plot = Width - Left - Right;
        double X(decimal value) => Left + (double)(Math.Clamp(value, 0m, 100m) / 100m) * plot;
        var bottom = Top + (bars.Count * Row);
        var svg = new Svg(Width, bottom + Axis, title, "bar-chart");

        foreach (var tick in new[] { 0m, 25m, 50m, 75m, 100m })
        {
            svg.Line(X(tick), Top, X(tick), bottom, "grid");
            svg.Text(X(tick), bottom + 18, Score.Display(tick)[..^3], "tick", "middle");
        }
        if (mark is { } m)
        {
            svg.Line(X(m), Top - 8, X(m), bottom, "mark");
            svg.Text(X(m), Top - 12, markLabel ?? Score.Display(m), "mark-label", "middle");
        }
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (i * Row);
            svg.Text(Left, y + 16, bar.Label, "label");
            if (bar.Value is { } value)
            {
                var passing = mark is null || Score.Round(value) >= mark;
                svg.Rect(Left, y + 22, X(value) - Left, BarHeight, passing ? "bar pass" : "bar fail",
                    $"{bar.Label}: {Score.Display(value)}");
                svg.Text(X(value) + 5, y + 35, Score.Display(value), "value");
            }
            else
            {
                svg.Text(Left + 5, y + 35, "–", "value");
            }
        }
        return svg.End();
    }
}
