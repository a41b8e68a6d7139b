using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using OpenIta.EndToEnd.Tests.Infrastructure;
using OpenIta.Testing;
using Xunit;
using Xunit.Abstractions;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// Issue 9 H1, measured where it hurt: the application as its own process, its resident memory (VmRSS in
/// /proc/PID/status) read before and after XLSX bombs posted to /import by a signed-in coordinator.
/// </summary>
public sealed partial class ImportMemoryTests(ITestOutputHelper output)
{
    private const long MaxGrowthBytes = 100L * 1024 * 1024;

    [Fact]
    public async Task Xlsx_bombs_answer_400_within_seconds_and_the_process_grows_by_less_than_100_MB()
    {
        var folder = Directory.CreateTempSubdirectory("openita-bomb-");
        try
        {
            var database = Path.Combine(folder.FullName, "openita.db");
            const string password = "Bomb-test-password-42";
            await E2eDatabase.PrepareAsync(database, password);
            await using var app = await AppProcess.StartAsync(database, TimeSpan.FromSeconds(60));
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            {
                BaseAddress = app.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var login = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = E2eDatabase.Coordinator, ["Password"] = password, ["__RequestVerificationToken"] = await TokenAsync(client, "/account/login"),
            }));
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var token = await TokenAsync(client, "/import");

            // Warm up the import path (JIT, EF model, views) with a small wrong file, so that the baseline holds them.
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, token, "agency,fiscal_year\r\nnobody,2565\r\n"u8.ToArray(), "warm.csv")).StatusCode);
            var bombs = Enum.GetValues<XlsxBombs.Kind>().Select(k => (k, XlsxBombs.Make(k))).ToList();
            var before = ResidentBytes(app.ProcessId);

            foreach (var (kind, bomb) in bombs)
            {
                var clock = Stopwatch.StartNew();
                using var response = await PostAsync(client, token, bomb, "bomb.xlsx");
                clock.Stop();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind}: {bomb.Length / 1024} KB, {(int)response.StatusCode} in {clock.ElapsedMilliseconds} ms, VmRSS {ResidentBytes(app.ProcessId) / (1024 * 1024)} MB"));
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{kind}: {clock.Elapsed}");
            }

            var after = ResidentBytes(app.ProcessId);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VmRSS before {before / (1024 * 1024)} MB, after {after / (1024 * 1024)} MB"));
            Assert.True(after - before < MaxGrowthBytes, $"grew by {(after - before) / (1024 * 1024)} MB");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, byte[] file, string name)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync("/import", form);
    }

    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var match = TokenField().Match(await client.GetStringAsync(path));
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"{path} has no anti-forgery token.");
    }

    /// <summary>The process's resident set size, from /proc/PID/status (kB).</summary>
    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
