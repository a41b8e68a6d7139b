using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace OpenIta.Web.Features.Shared.Charts;

/// <param name="Label">Written under the column (a score band: 85–89).</param>
/// <param name="CssClass">Colours the column (the rating band it falls in).</param>
public sealed record Bin(string Label, int Count, string CssClass);

/// <summary>Counts per band as columns, each with its count on top, the axis labelled with what is counted.</summary>
public static class Histogram
{
    private const double Width = 480;
    private const double Height = 280;
    private const double Left = 40;
    private const double Right = 8;
    private const double Top = 24;
    private const double Bottom = 56;

    public static HtmlString Render(string title, IReadOnlyList<Bin> bins, string xAxisTitle, string yAxisTitle)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var max = Math.Max(1, bins.Count == 0 ? 1 : bins.Max(b => b.Count));
        var step = NiceStep(max);
        var top = (int)Math.Ceiling(max / (double)step) * step;
        var plotHeight = Height - Top - Bottom;
        var slot = (Width - Left - Right) / Math.Max(1, bins.Count);
        double Y(int count) => Top + plotHeight - (plotHeight * count / top);

        var svg = new Svg(Width, Height, title, "histogram");
        for (var tick = 0; tick <= top; tick += step)
        {
            svg.Line(Left, Y(tick), Width - Right, Y(tick), "grid");
            svg.Text(Left - 6, Y(tick) + 5, tick.ToString(CultureInfo.InvariantCulture), "tick", "end");
        }
        for (var i = 0; i < bins.Count; i++)
        {
            var bin = bins[i];
            var x = Left + (i * slot);
            svg.Rect(x + 3, Y(bin.Count), slot - 6, Y(0) - Y(bin.Count), "column " + bin.CssClass,
                $"{bin.Label}: {bin.Count.ToString(CultureInfo.InvariantCulture)}");
            if (bin.Count > 0)
            {
                svg.Text(x + (slot / 2), Y(bin.Count) - 5, bin.Count.ToString(CultureInfo.InvariantCulture), "value", "middle");
            }
            svg.Text(x + (slot / 2), Height - Bottom + 18, bin.Label, "tick", "middle");
        }
        svg.Line(Left, Y(0), Width - Right, Y(0), "axis");
        svg.Text(Left + ((Width - Left - Right) / 2), Height - 10, xAxisTitle, "label", "middle");
        svg.Text(Left, Top - 10, yAxisTitle, "label", "start");
        return svg.End();
    }

    private static int NiceStep(int max) => max switch
    {
        <= 5 => 1,
        <= 10 => 2,
        <= 25 => 5,
        <= 50 => 10,
        <= 100 => 20,
        <= 250 => 50,
        <= 500 => 100,
        <= 1000 => 200,
        <= 2500 => 500,
        _ => (int)Math.Pow(10, Math.Floor(Math.Log10(max))),
    };
}
