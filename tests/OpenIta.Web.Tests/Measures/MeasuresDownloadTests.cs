using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Measures;

/// <summary>
/// The measures document from the web (/agencies/{slug}/results/{year}/measures.{docx|pdf|xlsx}), drafting again into a
/// draft revision, and the rule that an empty plan is not submitted.
/// </summary>
public sealed class MeasuresDownloadTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static async Task<string> DocumentXmlAsync(HttpResponseMessage response)
    {
        await using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(await zip.GetEntry("word/document.xml")!.OpenAsync());
        return await reader.ReadToEndAsync();
    }

    private static async Task PublishAsync(HttpClient coordinator, HttpClient executive, int revision)
    {
        foreach (var (client, handler, fields) in new[]
        {
            (coordinator, "submit", new[] { ("revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)) }),
            (executive, "approve", ApprovalFields(revision)),
            (coordinator, "publish", new[] { ("revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)) }),
        })
        {
            var response = await PostAsync(client, Plan + "?handler=" + handler, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_published_revision_downloads_signed_and_a_draft_only_for_the_agencys_own_users(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var executive = await app.SignedInAsync("executive");
        var viewer = await app.SignedInAsync("viewer");
        var oversight = await app.SignedInAsync("oversight");
        var stranger = await app.SignedInAsync("stranger");

        await ReadyAsync(coordinator);
        // A draft: the agency's viewer gets it marked as a draft; oversight and other agencies do not get it at all.
        var draft = await viewer.GetAsync(Plan + ".docx");
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("มาตรการ ITA spm 2566 ฉบับที่ 1.docx", draft.Content.Headers.ContentDisposition!.FileNameStar);
        var draftXml = await DocumentXmlAsync(draft);
        Assert.Contains("ฉบับร่าง", draftXml, StringComparison.Ordinal);
        Assert.Contains(ReadyTitle, draftXml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync(Plan + ".docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync(Plan + ".docx?revision=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Plan + ".docx")).StatusCode);

        await PublishAsync(coordinator, executive, 1);
        // Published: everyone who reads the agency gets it, signed with the memo number, in Thai digits on request.
        var signed = await DocumentXmlAsync(await oversight.GetAsync(Plan + ".docx?digits=thai"));
        Assert.Contains("ศปท. ๐๗๐๖/๒๕๖๕", signed, StringComparison.Ordinal);
        Assert.DoesNotContain("ฉบับร่าง", signed, StringComparison.Ordinal);
        Assert.Contains("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", signed, StringComparison.Ordinal);
        var xlsx = await oversight.GetAsync(Plan + ".xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.NotEmpty(workbook.WorkbookPart!.WorksheetParts);
        }

        // A new revision is a draft again: oversight still gets the published revision 1, never revision 2.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=revise", ("revision", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync(Plan + ".docx?revision=2")).StatusCode);
        Assert.Contains("ศปท. 0706/2565", await DocumentXmlAsync(await oversight.GetAsync(Plan + ".docx")), StringComparison.Ordinal);
        Assert.Contains("ฉบับร่าง", await DocumentXmlAsync(await viewer.GetAsync(Plan + ".docx?revision=2")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync(Plan + ".txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync(Plan + ".docx?revision=9")).StatusCode);
        // The page links the documents of the revision shown.
        Assert.Contains("href=\"/agencies/spm/results/2565/measures.pdf?revision=2&amp;digits=thai\"", await viewer.GetStringAsync(Plan), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_new_revision_can_be_redrafted_from_the_catalogue_and_the_published_one_stays(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var executive = await app.SignedInAsync("executive");
        await ReadyAsync(coordinator);
        await PublishAsync(coordinator, executive, 1);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=revise", ("revision", "1"))).StatusCode);

        // Only a draft is redrafted: revision 1 is published and frozen.
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(coordinator, Plan + "?handler=redraft", ("revision", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(executive, Plan + "?handler=redraft", ("revision", "2"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=redraft", ("revision", "2"), ("confirmed", "yes"))).StatusCode);

        var revisions = await RevisionsAsync(app);
        Assert.Equal(ReadyTitle, Assert.Single(revisions[0].Plan().Measures).Title);
        var redrafted = revisions[1].Plan();
        Assert.True(redrafted.Measures.Count > 1);
        Assert.All(redrafted.Measures, m => Assert.NotNull(m.TemplateId));
        // Seed 000's lowest item, I7 (56.51), is answered by publishing the budget spending plan.
        Assert.Contains(redrafted.Measures, m => m.Items.Contains("I7") && m.TemplateId == "budget-plan-publishing");
        var note = (await EventsAsync(app)).Last().Note;
        Assert.StartsWith("ร่างจากคลังมาตรการ", note, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_empty_plan_is_not_submitted(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=start")).StatusCode);
        var refused = await PostAsync(coordinator, Plan + "?handler=submit", ("revision", "1"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-field=\"measures\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Draft, Assert.Single(await RevisionsAsync(app)).Status);
    }
}
