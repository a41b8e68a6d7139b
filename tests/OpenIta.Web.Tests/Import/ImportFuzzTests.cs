using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OpenIta.Web.Tests.Import;

/// <summary>
/// Issue 9: a bounded, deterministic fuzz of the import (CSV and XLSX: mutated valid files, random bytes, zip bombs,
/// huge cells, Thai and control characters), of every field of the result form and of the import page's form. Never a
/// 500; a refused request leaves the database as it was (nothing half-written).
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261203;

    // The client library refuses to send a file name with a quote or a line break; these are what browsers send.
    private static readonly string[] FileNames = ["r.csv", "ผลคะแนน 2567.csv", "a b.xlsx", "..\\..\\x.csv", "no-extension", ".csv", "ผล.XLSX"];

    private static readonly string[] Junk =
    [
        "", " ", "๘๕.๘๔", "แปดสิบห้า", "สำนักงาน \"ก.พ.ร.\"", "\0", "\u001b[31m", "\r", "\n", "\r\n", "\t", "\"", "\"\"", ",", ";",
        "=1+1", "@SUM(A1)", "-", "-0", "+5", "1e308", "1e-400", "NaN", "Infinity", "101", "-1", "99.999999999999999999999",
        "79228162514264337593543950336", "85,84", "٨٥", "\u200b85", "\ufeff", "\ud800", "<c/>", "&amp;", "]]>", "𝟠𝟝",
        "spm", "SPM", "opdc", "2565", "2024", "0", "2566",
    ];

    [Fact]
    public async Task Fuzzed_import_files_never_answer_500_and_a_refused_file_saves_nothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddAgencyAsync("opdc");
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator), ("opdc", Role.Coordinator));
        var page = await app.SignedInAsync("coordinator");
        var token = await TestApp.AntiforgeryTokenAsync(page, "/import");
        var random = new Random(Seed);
        var validCsv = ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565, ImportFiles.Spm2565.Replace("spm,", "opdc,", StringComparison.Ordinal));
        var validXlsx = ImportFiles.Spm2565Xlsx();
        var statuses = new SortedDictionary<int, int>();

        for (var i = 0; i < 160; i++)
        {
            var (name, file) = (i % 8) switch
            {
                0 or 1 or 2 => ("fuzz.csv", MutateText(random, validCsv)),
                3 or 4 => ("fuzz.xlsx", MutateXlsx(random, validXlsx)),
                5 => ("fuzz.xlsx", MutateBytes(random, validXlsx)),
                6 => ("fuzz.bin", RandomBytes(random)),
                _ => ("fuzz.csv", HugeCell(random)),
            };
            await PostAndCheckAsync(app, i % 2 == 0 ? admin : page, i % 2 == 0 ? null : token, name, file, statuses, i);
        }
        foreach (var kind in new[] { XlsxBombs.Kind.EmptyCells, XlsxBombs.Kind.EmptyRows, XlsxBombs.Kind.DeepNesting })
        {
            await PostAndCheckAsync(app, admin, null, "bomb.xlsx", XlsxBombs.Make(kind), statuses, -1);
        }
        output.WriteLine(string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(statuses.GetValueOrDefault(200) > 0, "no fuzzed file was imported at all: the fuzz is too blunt");
        Assert.True(statuses.GetValueOrDefault(400) > 0);
    }

    private static async Task PostAndCheckAsync(
        TestApp app, HttpClient client, string? token, string name, byte[] file, SortedDictionary<int, int> statuses, int iteration)
    {
        var before = await SnapshotAsync(app);
        using var form = ImportFiles.Form(file, name);
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }
        using var response = await client.PostAsync(token is null ? "/api/v1/imports/results" : "/import", form);
        var status = (int)response.StatusCode;
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        Assert.True(status is 200 or 400 or 413, $"iteration {iteration} ({name}, {file.Length} bytes): {status}\n{await response.Content.ReadAsStringAsync()}");
        if (status != 200)
        {
            Assert.Equal(before, await SnapshotAsync(app));
        }
        else
        {
            // Every stored result has its scores: nothing half-written.
            Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync(r => !r.Scores.Any())));
        }
    }

    private static Task<string> SnapshotAsync(TestApp app) => app.WithDbAsync(async db =>
        string.Join("|", await db.Results.OrderBy(r => r.Id).Select(r => r.Id + ":" + r.InputJson + ":" + r.Scores.Count()).ToListAsync()));

    private static string Pick(Random random) => random.Next(4) == 0
        ? new string((char)random.Next(0x0E01, 0x0E5B), random.Next(1, 40)) // Thai letters and digits
        : Junk[random.Next(Junk.Length)];

    private static byte[] MutateText(Random random, byte[] valid)
    {
        var text = new StringBuilder(Encoding.UTF8.GetString(valid));
        for (var n = random.Next(1, 6); n > 0 && text.Length > 0; n--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0:
                    text.Insert(at, Pick(random));
                    break;
                case 1:
                    text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at));
                    break;
                case 2:
                    // Replace a cell: from this comma to the next.
                    var end = text.ToString().IndexOf(',', at);
                    if (end > at)
                    {
                        text.Remove(at, end - at).Insert(at, Pick(random));
                    }
                    break;
                default:
                    text.Append(text.ToString(0, Math.Min(text.Length, random.Next(1, 400))));
                    break;
            }
        }
        return random.Next(5) == 0
            ? CodePagesEncodingProvider.Instance.GetEncoding(874)!.GetBytes(text.ToString()) // Windows-874, as Thai Excel saves
            : Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] MutateXlsx(Random random, byte[] valid)
    {
        using var input = new ZipArchive(new MemoryStream(valid), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (entry.FullName.Contains("sheet", StringComparison.OrdinalIgnoreCase) || random.Next(6) == 0)
                {
                    text = Encoding.UTF8.GetString(MutateText(random, Encoding.UTF8.GetBytes(text)));
                }
                using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open());
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] MutateBytes(Random random, byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        for (var n = random.Next(1, 20); n > 0; n--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }
        return random.Next(3) == 0 ? bytes[..random.Next(4, bytes.Length)] : bytes;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 4096)];
        random.NextBytes(bytes);
        if (random.Next(2) == 0 && bytes.Length > 4)
        {
            "PK\u0003\u0004"u8.CopyTo(bytes);
        }
        return bytes;
    }

    private static byte[] HugeCell(Random random)
    {
        var size = random.Next(2) == 0 ? 40_000 : 1_000_000;
        var cell = new string(random.Next(2) == 0 ? 'ก' : '9', size);
        return random.Next(2) == 0
            ? ImportFiles.Csv(ImportFiles.Header + ",published_rating2", ImportFiles.Spm2565 + "," + cell)
            : ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565[..^1] + cell);
    }

    [Fact]
    public async Task Fuzzed_result_form_fields_never_answer_500_and_a_refused_post_changes_nothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.SignedInAsync("coordinator");
        const string path = "/agencies/spm/results/2565/edit";
        var token = await TestApp.AntiforgeryTokenAsync(client, path);
        var fields = new Dictionary<string, string>
        {
            ["indicators.1"] = "85.84", ["indicators.2"] = "74.30", ["indicators.3"] = "78.71", ["indicators.4"] = "74.27",
            ["indicators.5"] = "75.26", ["indicators.6"] = "90.94", ["indicators.7"] = "85.74", ["indicators.8"] = "82.34",
            ["indicators.9"] = "100", ["indicators.10"] = "100", ["instruments.IIT"] = "", ["instruments.EIT"] = "", ["instruments.OIT"] = "",
            ["total"] = "", ["published.total"] = "89.21", ["published.instruments.IIT"] = "77.68", ["published.instruments.EIT"] = "86.34",
            ["published.instruments.OIT"] = "100.00", ["published.rating"] = "A",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, path, token, fields)).StatusCode);
        var random = new Random(Seed);
        var statuses = new SortedDictionary<int, int>();

        for (var i = 0; i < 120; i++)
        {
            var post = new Dictionary<string, string>(fields);
            var field = fields.Keys.ElementAt(i % fields.Count);
            post[field] = i % 7 == 6 ? new string('๙', 200_000) : Pick(random);
            if (random.Next(4) == 0)
            {
                post.Remove(fields.Keys.ElementAt(random.Next(fields.Count)));
            }
            if (random.Next(6) == 0)
            {
                post[Pick(random) + "." + Pick(random)] = Pick(random); // a field the form does not have
            }
            var before = await app.WithDbAsync(db => db.Results.Select(r => r.InputJson + r.Scores.Count()).SingleAsync());
            using var response = await PostFormAsync(client, path, token, post);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var sent = post.GetValueOrDefault(field, "(not sent)");
            Assert.True(status is 302 or 400, $"{field} = {sent[..Math.Min(40, sent.Length)]}: {status}");
            if (status != 302)
            {
                Assert.Equal(before, await app.WithDbAsync(db => db.Results.Select(r => r.InputJson + r.Scores.Count()).SingleAsync()));
            }
            else
            {
                await PostFormAsync(client, path, token, fields); // back to the seed for the next round
            }
        }
        output.WriteLine(string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(statuses.GetValueOrDefault(400) > 0);
    }

    /// <summary>A form field's name: anything but what the client library refuses to send (blank, quotes, controls).</summary>
    private static string Name(string text) =>
        string.IsNullOrWhiteSpace(text) || text.Any(c => c == '"' || char.IsControl(c) || char.IsSurrogate(c)) ? "k" + text.Length : text;

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string token, Dictionary<string, string> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));

    [Fact]
    public async Task Fuzzed_import_page_forms_never_answer_500()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.SignedInAsync("coordinator");
        var token = await TestApp.AntiforgeryTokenAsync(client, "/import");
        var random = new Random(Seed);

        for (var i = 0; i < 60; i++)
        {
            using var form = new MultipartFormDataContent();
            var fileField = random.Next(3) switch { 0 => "file", 1 => Name(Pick(random)), _ => "file" };
            if (random.Next(5) != 0)
            {
                form.Add(new ByteArrayContent(ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565)), fileField, FileNames[random.Next(FileNames.Length)]);
            }
            var tokenValue = random.Next(4) switch { 0 => "", 1 => Pick(random), 2 => new string('a', 70_000), _ => token };
            form.Add(new StringContent(tokenValue), "__RequestVerificationToken");
            for (var n = random.Next(0, 4); n > 0; n--)
            {
                form.Add(new StringContent(Pick(random)), Name(Pick(random)));
            }
            var query = random.Next(3) == 0 ? "?year=" + Uri.EscapeDataString(Pick(random)) + "&handler=" + Uri.EscapeDataString(Pick(random)) : "";
            using var response = await client.PostAsync("/import" + query, form);
            var status = (int)response.StatusCode;
            Assert.True(status is 200 or 400 or 404 or 413, string.Create(CultureInfo.InvariantCulture, $"iteration {i}: {status}"));
        }
        foreach (var query in new[] { "?year=abc", "?year=99999999999", "?year=2565&format=%00&detail=maybe", "?format=" + new string('x', 5000) })
        {
            var template = await client.GetAsync("/import/template" + query);
            Assert.True((int)template.StatusCode is 200 or 400, $"{query}: {(int)template.StatusCode}");
        }
    }
}
