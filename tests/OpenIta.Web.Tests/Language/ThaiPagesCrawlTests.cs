using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Demo;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Language;

/// <summary>
/// Issue 10: every page a user can reach, as every demo role, in Thai, shows no English sentence, field path or file
/// name outside the language switch (the rule: <see cref="ThaiText"/>). The crawl follows the links of each page from
/// the start pages (so new pages are covered when they are linked), on the demo database.
/// </summary>
public sealed partial class ThaiPagesCrawlTests
{
    /// <summary>Where each role starts; every seed agency and each of its results are added from the database.</summary>
    private static readonly string[] StartPages = ["/", "/import", "/account/tokens", "/admin/agencies", "/account/login"];

    /// <summary>Enough pages per role that a crawl cannot pass by seeing nothing; more than any role's start pages.</summary>
    private const int MaxPagesPerRole = 600;

    /// <summary>Of the 141 synthetic agencies (alike by construction) only this many are crawled.</summary>
    private const int SyntheticAgenciesCrawled = 2;

    [Fact]
    public async Task Every_page_every_demo_role_reaches_in_Thai_has_no_English_sentence_field_path_or_file_name()
    {
        var connectionString = await TestDatabases.CreateAsync(DatabaseEngine.Sqlite);
        var passwordsFile = Path.Combine(Directory.CreateTempSubdirectory("openita-crawl-").FullName, "demo-users.txt");
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite, connectionString);
        await using var demo = app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:PasswordsFile", passwordsFile);
        });
        _ = demo.Server;
        var synthetic = await app.WithDbAsync(db => db.Agencies.Where(a => a.IsSynthetic).OrderBy(a => a.Id).Select(a => a.Slug).ToListAsync());
        var skipped = synthetic.Skip(SyntheticAgenciesCrawled).ToHashSet(StringComparer.Ordinal);
        var results = await app.WithDbAsync(db => db.Results.Where(r => !r.Agency!.IsSynthetic)
            .Select(r => new { r.Agency!.Slug, r.FiscalYear }).ToListAsync());
        var seeds = await app.WithDbAsync(db => db.Agencies.Where(a => !a.IsSynthetic).Select(a => a.Slug).ToListAsync());
        var starts = StartPages
            .Concat(seeds.Select(s => $"/agencies/{s}"))
            .Concat(results.Select(r => $"/agencies/{r.Slug}/results/{r.FiscalYear}"))
            .ToList();

        var failures = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var visited = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in DemoUsers.Read(passwordsFile))
        {
            var client = demo.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(client, user.UserName, user.Password)).StatusCode);
            visited[user.UserName] = await CrawlAsync(client, user.UserName, starts, skipped, failures);
        }
        // Anonymous readers start at the login and at every seed agency's public pages (issue 13), which link to the rest.
        visited["anonymous"] = await CrawlAsync(
            demo.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "anonymous",
            ["/account/login", "/", .. seeds.Select(s => $"/public/agencies/{s}")], skipped, failures);

        Assert.True(failures.Count == 0,
            $"{failures.Count} texts on Thai pages (pages crawled: {string.Join(", ", visited.Select(v => $"{v.Key} {v.Value}"))}):\n"
            + string.Join("\n", failures.Select(f => $"{f.Key}\n    at {f.Value}")));
        // Not a crawl that saw nothing: the coordinator reads spm's years and measures, the administrator every agency.
        Assert.True(visited["coordinator"] >= 20, $"The coordinator's crawl saw only {visited["coordinator"]} pages.");
        Assert.True(visited["admin"] >= 40, $"The administrator's crawl saw only {visited["admin"]} pages.");
        // The public pages are crawled too: spm published measures (2566, 2568) and its FY2568 action plan.
        Assert.True(visited["anonymous"] >= 8, $"The anonymous crawl saw only {visited["anonymous"]} pages.");
    }

    private static async Task<int> CrawlAsync(HttpClient client, string role, IEnumerable<string> starts, HashSet<string> skipped,
        SortedDictionary<string, string> failures)
    {
        var queue = new Queue<string>(starts);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var count = 0;
        while (queue.Count > 0 && count < MaxPagesPerRole)
        {
            var url = queue.Dequeue();
            using var response = await client.GetAsync(url);
            count++;
            if ((int)response.StatusCode >= 500)
            {
                failures.TryAdd($"[{role}] status {(int)response.StatusCode}", url);
                continue;
            }
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location)
            {
                Enqueue(location.OriginalString);
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var html = await response.Content.ReadAsStringAsync();
            foreach (var (kind, found) in ThaiText.Problems(ThaiText.Visible(html)))
            {
                failures.TryAdd($"{kind}: \"{Regex.Replace(found, @"\s+", " ").Trim()}\"", $"{url} ({role})");
            }
            foreach (Match link in Link().Matches(html))
            {
                Enqueue(WebUtility.HtmlDecode(link.Groups["href"].Value));
            }
        }
        return count;

        void Enqueue(string href)
        {
            var url = href.Split('#')[0];
            if (url.Length == 0 || !url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal) || !IsPage(url)
                || url.Split('?')[0].Split('/').Any(skipped.Contains))
            {
                return;
            }
            if (seen.Add(url))
            {
                queue.Enqueue(url);
            }
        }
    }

    /// <summary>A page to read: not the API, a download, or the sign-out and language switch (they are posts anyway).</summary>
    private static bool IsPage(string url)
    {
        var path = url.Split('?')[0];
        return !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWith("/openapi", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWith("/health", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWith("/css/", StringComparison.Ordinal) && !path.StartsWith("/js/", StringComparison.Ordinal)
            && !path.Contains("/logout", StringComparison.Ordinal) && !path.Contains("/account/language", StringComparison.Ordinal)
            && !path.Contains("/public/language", StringComparison.Ordinal)
            && !path.Contains("/template", StringComparison.Ordinal)
            && !Download().IsMatch(path) && !url.Contains("format=", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bhref=""(?<href>[^""]+)""")]
    private static partial Regex Link();

    [GeneratedRegex(@"\.(docx|pdf|xlsx|csv|json|txt)$", RegexOptions.IgnoreCase)]
    private static partial Regex Download();
}
