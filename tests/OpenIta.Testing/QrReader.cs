using StbImageSharp;
using Xunit;
using ZXing;
using ZXing.Common;

namespace OpenIta.Testing;

/// <summary>Reads a QR code out of a picture as a phone's camera would: the PNG decoded to pixels (StbImageSharp), the
/// symbol found and decoded by ZXing. QRCoder only writes codes, so a test that reads one back checks the writing.</summary>
public static class QrReader
{
    /// <summary>The text of the one QR code in <paramref name="png"/> (PNG or any format stb reads); fails the test when none is found.</summary>
    public static string Read(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        var source = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var reader = new ZXing.QrCode.QRCodeReader();
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        var result = reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        // ZXing's detector (the search for the three finder patterns) missed 4 of 400 perfectly drawn symbols of random
        // survey links (QrCodesTests); a picture of one code alone is then read module by module, as ZXing offers for a
        // pure symbol. The modules are still decoded and error-corrected, so a wrong code still fails.
        result ??= reader.decode(new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true });
        Assert.True(result is not null, $"No QR code could be read in the {image.Width}×{image.Height} picture.");
        return result!.Text;
    }

    /// <summary>The texts of every QR code in the picture (a poster's page), in no particular order.</summary>
    public static IReadOnlyList<string> ReadAll(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        var source = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        var results = new ZXing.Multi.QrCode.QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(source)), hints);
        return results is null ? [] : [.. results.Select(r => r.Text)];
    }
}
