using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace OpenIta.Web.Features.Shared.Charts;

/// <summary>
/// Writes a small SVG document by hand: a viewBox that scales to the width of its container (the page's CSS gives
/// <c>svg.chart</c> a width of 100 %), a title for screen readers, and text escaped for HTML. No style attributes and
/// no script: the Content-Security-Policy allows neither, so looks come from CSS classes and presentation attributes.
/// </summary>
internal sealed class Svg
{
    private readonly StringBuilder _text = new();

    public Svg(double width, double height, string title, string cssClass)
    {
        _text.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart {cssClass}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" role=\"img\" aria-label=\"{Escape(title)}\">");
        _text.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>");
    }

    public Svg Line(double x1, double y1, double x2, double y2, string cssClass)
    {
        _text.Append(CultureInfo.InvariantCulture,
            $"<line class=\"{cssClass}\" x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" />");
        return this;
    }

    public Svg Rect(double x, double y, double width, double height, string cssClass, string? tooltip = null)
    {
        _text.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\"");
        _text.Append(tooltip is null ? " />" : $"><title>{Escape(tooltip)}</title></rect>");
        return this;
    }

    public Svg Circle(double cx, double cy, double r, string cssClass, string? tooltip = null)
    {
        _text.Append(CultureInfo.InvariantCulture, $"<circle class=\"{cssClass}\" cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\"");
        _text.Append(tooltip is null ? " />" : $"><title>{Escape(tooltip)}</title></circle>");
        return this;
    }

    public Svg Polyline(IEnumerable<(double X, double Y)> points, string cssClass)
    {
        var list = string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"));
        _text.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{cssClass}\" points=\"{list}\" />");
        return this;
    }

    /// <param name="anchor">start, middle or end.</param>
    public Svg Text(double x, double y, string text, string cssClass, string anchor = "start")
    {
        _text.Append(CultureInfo.InvariantCulture,
            $"<text class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">{Escape(text)}</text>");
        return this;
    }

    public HtmlString End() => new(_text.Append("</svg>").ToString());

    /// <summary>A coordinate: invariant, at most one decimal (enough for a viewBox, and short).</summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
