using System.Net;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using OpenIta.Web.Tests.Results;
using Xunit;

namespace OpenIta.Web.Tests.Language;

/// <summary>Issue 10: the result page and the entry form speak of NACC's documents and the reader's data, in Thai.</summary>
public sealed class ResultMessagesTests
{
    [Fact]
    public async Task A_FY2566_result_tells_a_coordinator_behind_a_disclosure_that_the_rating_scale_is_inferred_naming_NACCs_manual()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("opdc");
        await app.AddUserAsync("coordinator", false, ("opdc", Role.Coordinator));
        await ResultPagesTests.StoreAsync(app, "opdc", ResultPagesTests.Example("opdc-2566.json"));
        var client = await app.SignedInAsync("coordinator");

        var html = await client.GetStringAsync("/agencies/opdc/results/2566");
        var provenance = html[html.IndexOf("<section id=\"provenance\">", StringComparison.Ordinal)..];
        provenance = provenance[..provenance.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("<details>", provenance, StringComparison.Ordinal);
        Assert.Contains("เกณฑ์ระดับผลการประเมินของปีงบประมาณ พ.ศ. 2566 อนุมานจากผลการประเมินที่ สำนักงาน ป.ป.ช. ประกาศแล้ว", provenance, StringComparison.Ordinal);
        Assert.Contains("คู่มือการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566 ของ สำนักงาน ป.ป.ช.", provenance, StringComparison.Ordinal);
        Assert.Empty(ThaiText.Problems(ThaiText.Visible(html)));
        // The discrepancies name the figure, not the field path.
        Assert.Contains("EIT (คำนวณจากตัวชี้วัดที่ 6–8)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("instruments.EIT", ThaiText.Visible(html), StringComparison.Ordinal);

        client.DefaultRequestHeaders.Add("Cookie", "lang=en");
        var english = await client.GetStringAsync("/agencies/opdc/results/2566");
        Assert.Contains("The FY2566 rating scale is inferred from results NACC published", english, StringComparison.Ordinal);
        Assert.DoesNotContain("seed 003", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_entry_form_refuses_a_score_out_of_range_naming_the_indicator_by_its_Thai_name()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.SignedInAsync("coordinator");
        var token = await TestApp.AntiforgeryTokenAsync(client, "/agencies/spm/results/2565/edit");
        var response = await client.PostAsync("/agencies/spm/results/2565/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["indicators.1"] = "120",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่: 120 ไม่ใช่คะแนนระหว่าง 0 ถึง 100", html, StringComparison.Ordinal);
        Assert.Empty(ThaiText.Problems(ThaiText.Visible(html)));
    }
}
