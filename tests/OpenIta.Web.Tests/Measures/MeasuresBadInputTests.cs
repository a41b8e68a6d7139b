using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Measures;

/// <summary>A client's mistakes on the measures pages are 4xx with the field named, never a 500, and change nothing.</summary>
public sealed class MeasuresBadInputTests
{
    [Fact]
    public async Task Malformed_forms_and_routes_are_client_errors_and_the_draft_is_unchanged()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite);
        var coordinator = await app.SignedInAsync("coordinator");
        await ReadyAsync(coordinator);
        var before = (await RevisionsAsync(app)).Single().ContentJson;
        var edit = await EditPathAsync(app, 1);

        var cases = new (string Path, (string, string)[] Fields, string? Field)[]
        {
            (Plan + "?handler=submit", [("revision", "abc")], null),
            (Plan + "?handler=approve", [("revision", "1"), ("Approval.Date", "31/02/2565")], null),
            (Plan + "?handler=nothing", [("revision", "1")], null),
            (Plan + "/edit?handler=move", [("revision", "1"), ("measure", "x"), ("direction", "sideways")], null),
            (Plan + "/edit?handler=delete", [("revision", "1"), ("measure", "m99")], null),
            (edit, [.. MeasureFields(1, "ชื่อ", "I7").Where(f => f.Item1 != "Quarters"), ("Quarters", "9")], "Quarters"),
            (edit, [.. MeasureFields(1, "ชื่อ", "I7").Where(f => f.Item1 != "DateFrom"), ("DateFrom", "31/02/2565")], "DateFrom"),
            (edit, [.. MeasureFields(1, "ชื่อ", "I7").Where(f => f.Item1 != "Cadence"), ("Cadence", "Weekly")], "Cadence"),
            (edit, [.. MeasureFields(1, "", "I7").Where(f => f.Item1 != "Title"), ("Title", "   ")], "Title"),
            (Plan + "/edit/abc", MeasureFields(1, "ชื่อ", "I7"), null),
            ("/agencies/spm/results/abcd/measures", [("revision", "1")], null),
        };
        foreach (var (path, fields, field) in cases)
        {
            var response = await PostAsync(coordinator, path, fields);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{path} {string.Join("&", fields.Select(f => f.Item1 + "=" + f.Item2))}: {status}");
            if (field is not null)
            {
                Assert.Contains($"data-field=\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        Assert.Equal(before, (await RevisionsAsync(app)).Single().ContentJson);
        // A revision that is not a number is no revision: the page shows the newest.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(Plan + "?revision=abc")).StatusCode);
    }

    /// <summary>A stored revision that no longer reads (a field of the wrong type) showed System.Text.Json's English
    /// and the JSON path on the Thai plan page; now the page says so in Thai, the English page gives the path.</summary>
    [Fact]
    public async Task A_stored_plan_that_cannot_be_read_is_described_in_thai_without_its_json_path()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite);
        var coordinator = await app.SignedInAsync("coordinator");
        await ReadyAsync(coordinator);
        await app.WithDbAsync(db => db.MeasurePlans.ExecuteUpdateAsync(u => u.SetProperty(
            r => r.ContentJson, r => r.ContentJson.Replace("\"resultsYear\": 2565", "\"resultsYear\": \"2565\""))));

        var thai = WebUtility.HtmlDecode(await coordinator.GetStringAsync(Plan));
        var download = await coordinator.GetAsync(Plan + ".docx");

        Assert.Contains("ข้อมูลมาตรการที่บันทึกไว้ไม่อยู่ในรูปแบบที่ระบบอ่านได้ กรุณาแจ้งผู้ดูแลระบบ", thai, StringComparison.Ordinal);
        Assert.DoesNotContain("resultsYear", thai, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be read", thai, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
    }
}
