using System.Globalization;
using System.Text;
using QRCoder;

namespace OpenIta.Reports.Rendering;

/// <summary>
/// QR codes of the survey links (issue 12, item 3), through QRCoder: error correction M (15 % of the symbol may be
/// smudged or covered and it still reads), a quiet zone of four modules. The same modules as a PNG (the download and the
/// coordinator's page) and as SVG (the poster, printed as vectors).
/// </summary>
public static class QrCodes
{
    /// <summary>A PNG of <paramref name="text"/>, <paramref name="pixelsPerModule"/> pixels per module, black on white.</summary>
    public static byte[] Png(string text, int pixelsPerModule = 10)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var data = Data(text);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }

    /// <summary>The symbol as SVG markup: one path of unit squares in a viewBox of modules, so it scales to any size.</summary>
    public static string Svg(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        using var data = Data(text);
        var size = data.ModuleMatrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = data.ModuleMatrix[y];
            for (var x = 0; x < size; x++)
            {
                if (!row[x])
                {
                    continue;
                }
                var run = 1;
                while (x + run < size && row[x + run])
                {
                    run++;
                }
                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>");
    }

    private static QRCodeData Data(string text)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
    }
}
