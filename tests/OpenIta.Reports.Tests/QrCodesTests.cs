using System.Security.Cryptography;
using OpenIta.Reports.Rendering;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Reports.Tests;

/// <summary>
/// A survey link's QR code reads back whatever its random token: a test of the web page read one code in a few hundred
/// as "no QR code found", so every link shape is read here, many at once.
/// </summary>
public sealed class QrCodesTests
{
    [Fact]
    public void Every_random_survey_link_reads_back_from_its_png()
    {
        var failed = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            var url = $"http://localhost/s/{token}";
            try
            {
                Assert.Equal(url, QrReader.Read(QrCodes.Png(url)));
            }
            catch (Xunit.Sdk.XunitException)
            {
                failed.Add(url);
            }
        }
        Assert.Empty(failed);
    }
}
