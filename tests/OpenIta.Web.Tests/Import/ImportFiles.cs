using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Tests.Infrastructure;

namespace OpenIta.Web.Tests.Import;

/// <summary>Files to import and the requests that import them, as a browser or an API client sends them.</summary>
internal static class ImportFiles
{
    public const string Header =
        "agency,fiscal_year,indicator_1,indicator_2,indicator_3,indicator_4,indicator_5,indicator_6,indicator_7,indicator_8,indicator_9,indicator_10,published_total,published_IIT,published_EIT,published_OIT,published_rating";

    /// <summary>Seed 000 (สำนักเลขาธิการนายกรัฐมนตรี) FY2565 from its indicator table, with the figures it printed.</summary>
    public const string Spm2565 = "spm,2565,85.84,74.30,78.71,74.27,75.26,90.94,85.74,82.34,100,100,89.21,77.68,86.34,100.00,A";

    /// <summary>Seed 003 (สำนักงาน ก.พ.ร.) FY2566: another agency and year, scored with EIT1 and EIT2.</summary>
    public const string Opdc2566Header = "agency,fiscal_year,indicator_1,indicator_2,indicator_3,indicator_4,indicator_5,indicator_6,indicator_7,indicator_8,indicator_9,indicator_10,EIT1,EIT2";

    public const string Opdc2566 = "opdc,2566,94.98,88.57,87.61,89.58,87.63,89.36,90.63,85.71,85.00,100,84.54,92.59";

    public static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    /// <summary>The seed 000 row as an XLSX workbook with numbers stored as numbers, as a spreadsheet saves them.</summary>
    public static byte[] Spm2565Xlsx()
    {
        var header = Header.Split(',');
        var values = Spm2565.Split(',');
        var row = values.Select((v, i) => i is 0 or 16 ? (object)v : decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return Sheets.WriteXlsx([new SheetContent("results", [header, row])]);
    }

    /// <summary>
    /// Posts a file to an import page as the browser's form does; on /import, whose upload only previews, then confirms
    /// the preview as the user would (when there is one to confirm), and answers the confirmation.
    /// </summary>
    public static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, string path, byte[] file, string fileName = "results.csv")
    {
        var response = await PreviewPageAsync(client, path, file, fileName);
        if (path != "/import" || PendingId(await response.Content.ReadAsStringAsync()) is not { } pending)
        {
            return response;
        }
        response.Dispose();
        return await ConfirmAsync(client, pending);
    }

    /// <summary>The pending upload a preview page offers to confirm, if any.</summary>
    public static string? PendingId(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "name=\"pending\" value=\"([0-9a-f]{32})\"") is { Success: true } match
            ? match.Groups[1].Value
            : null;

    /// <summary>Confirms (or, with handler "cancel", cancels) a pending upload of /import, as the preview's button does.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string pending, string handler = "confirm")
    {
        var token = await TestApp.AntiforgeryTokenAsync(client, "/import");
        using var form = new FormUrlEncodedContent([new("pending", pending), new("__RequestVerificationToken", token)]);
        return await client.PostAsync("/import/" + handler, form);
    }

    /// <summary>Posts a file to an import page with the page's anti-forgery token, as the browser's form does (on
    /// /import: the preview, nothing saved).</summary>
    public static async Task<HttpResponseMessage> PreviewPageAsync(HttpClient client, string path, byte[] file, string fileName = "results.csv")
    {
        var token = await TestApp.AntiforgeryTokenAsync(client, path);
        using var form = Form(file, fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(path, form);
    }

    public static async Task<HttpResponseMessage> PostApiAsync(HttpClient client, byte[] file, string fileName = "results.csv")
    {
        using var form = Form(file, fileName);
        return await client.PostAsync("/api/v1/imports/results", form);
    }

    public static MultipartFormDataContent Form(byte[] file, string fileName)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? Sheets.XlsxContentType : "text/csv");
        form.Add(content, "file", fileName);
        return form;
    }

    public static Task<int> CountResultsAsync(TestApp app) => app.WithDbAsync(db => db.Results.CountAsync());

    public static Task<int> CountScoresAsync(TestApp app) => app.WithDbAsync(db => db.ResultScores.CountAsync());
}
