using Microsoft.AspNetCore.Html;
using OpenIta.Core.Scoring;

namespace OpenIta.Web.Features.Shared.Charts;

/// <param name="Label">Written under the point (a fiscal year: 2565).</param>
/// <param name="Value">Null leaves a gap in the line.</param>
public sealed record Point(string Label, decimal? Value);

/// <summary>
/// Scores across a few points (fiscal years), each point labelled with its value, with a dashed line at a mark (85).
/// The vertical scale starts at a round number below the lowest value so that small changes show; its ticks say so.
/// </summary>
public static class LineChart
{
    private const double Width = 480;
    private const double Height = 260;
    private const double Left = 40;
    private const double Right = 24;
    private const double Top = 24;
    private const double Bottom = 36;

    public static HtmlString Render(string title, IReadOnlyList<Point> points, decimal? mark, string? markLabel)
    {
        ArgumentNullException.ThrowIfNull(points);
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        if (mark is { } mk)
        {
            values.Add(mk);
        }
        var low = values.Count == 0 ? 0m : Math.Max(0m, Math.Floor((values.Min() - 2m) / 5m) * 5m);
        const decimal high = 100m;
        var plotHeight = Height - Top - Bottom;
        var plotWidth = Width - Left - Right;
        double Y(decimal value) => Top + ((double)((high - Math.Clamp(value, low, high)) / (high - low)) * plotHeight);
        double X(int index) => points.Count == 1 ? Left + (plotWidth / 2) : Left + (plotWidth * index / (points.Count - 1));

        var svg = new Svg(Width, Height, title, "line-chart");
        var step = high - low > 40m ? 20m : 5m;
        for (var tick = low; tick <= high; tick += step)
        {
            svg.Line(Left, Y(tick), Width - Right, Y(tick), "grid");
            svg.Text(Left - 6, Y(tick) + 5, Score.Display(tick)[..^3], "tick", "end");
        }
        if (mark is { } m)
        {
            svg.Line(Left, Y(m), Width - Right, Y(m), "mark");
            svg.Text(Width - Right, Y(m) - 5, markLabel ?? Score.Display(m), "mark-label", "end");
        }
        // One polyline per run of known values: a year without a result is a gap, not a dip to zero.
        var run = new List<(double X, double Y)>();
        for (var i = 0; i <= points.Count; i++)
        {
            if (i < points.Count && points[i].Value is { } v)
            {
                run.Add((X(i), Y(v)));
                continue;
            }
            if (run.Count > 1)
            {
                svg.Polyline(run, "series");
            }
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            svg.Text(X(i), Height - Bottom + 22, point.Label, "label", "middle");
            if (point.Value is { } value)
            {
                svg.Circle(X(i), Y(value), 4.5, "dot", $"{point.Label}: {Score.Display(value)}");
                svg.Text(X(i), Y(value) - 10, Score.Display(value), "value", "middle");
            }
        }
        return svg.End();
    }
}
