using System.Net;
using System.Text.Json;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Api;

/// <summary>The OpenAPI document describes every API operation and how to authenticate; the frameworks read as data.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private static readonly int[] Years = [2563, 2564, 2565, 2566, 2567, 2568];
    private static readonly string[] Statuses = ["confirmed", "verified-by-data", "third-party", "inferred", "unknown"];

    [Fact]
    public async Task Every_api_operation_has_a_summary_a_description_a_tag_and_its_security()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.Client().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await ApiCalls.JsonOf(response);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("http", schemes.GetProperty("Bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("Cookie").GetProperty("in").GetString());

        var failures = new List<string>();
        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var op = operation.Value;
                foreach (var required in new[] { "summary", "description", "operationId" })
                {
                    if (!op.TryGetProperty(required, out var text) || string.IsNullOrWhiteSpace(text.GetString()))
                    {
                        failures.Add($"{name}: no {required}");
                    }
                }
                if (!op.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
                {
                    failures.Add($"{name}: no tag");
                }
                // The public survey endpoints (issue 12) are anonymous by design: no credentials, a per-address limit (429).
                // Verifying a code is limited by the code itself (five tries, and sending one is limited), not per address.
                var anonymous = path.Name.StartsWith("/api/v1/public/", StringComparison.Ordinal);
                var limited = !anonymous || !path.Name.EndsWith("/verify", StringComparison.Ordinal);
                if (limited && !op.GetProperty("responses").TryGetProperty(anonymous ? "429" : "401", out _))
                {
                    failures.Add($"{name}: no {(anonymous ? 429 : 401)} response");
                }
                var security = op.TryGetProperty("security", out var s)
                    ? s.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(x => x.Name)).ToList()
                    : [];
                var changes = operation.Name != "get" && path.Name != "/api/v1/score";
                var expected = anonymous ? [] : changes ? new[] { "Bearer" } : ["Bearer", "Cookie"];
                if (!security.SequenceEqual(expected))
                {
                    failures.Add($"{name}: security {string.Join(", ", security)}, expected {string.Join(", ", expected)}");
                }
            }
        }
        Assert.True(operations >= 12, $"only {operations} API operations in the document");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>What API clients are generated from: a change to it is a change to the contract, reviewed here.</summary>
    [Fact]
    public async Task The_openapi_document_matches_its_approved_snapshot()
    {
        await using var app = await TestApp.StartAsync();
        var document = await app.Client().GetStringAsync("/openapi/v1.json");
        Approvals.Verify(document.ReplaceLineEndings("\n").TrimEnd() + "\n", "openapi-v1");
    }

    [Fact]
    public async Task Frameworks_show_each_year_with_its_statuses()
    {
        await using var app = await TestApp.StartAsync();
        var client = await app.ApiClientAsync(await app.AddUserAsync("someone"));
        var years = await ApiCalls.JsonOf(await client.GetAsync("/api/v1/frameworks"));
        Assert.Equal(Years, years.EnumerateArray().Select(y => y.GetProperty("fiscalYear").GetInt32()).ToList());

        var fy2567 = await ApiCalls.JsonOf(await client.GetAsync("/api/v1/frameworks/2567"));
        Assert.Equal(["IIT", "EIT1", "EIT2", "OIT"], fy2567.GetProperty("instruments").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList());
        Assert.Equal("confirmed", fy2567.GetProperty("instruments")[0].GetProperty("weightStatus").GetString());
        Assert.Equal(10, fy2567.GetProperty("indicators").GetArrayLength());
        Assert.Equal("levels", fy2567.GetProperty("rating").GetProperty("scheme").GetString());
        Assert.Equal(85, fy2567.GetProperty("passMark").GetDecimal());
        Assert.True(fy2567.GetProperty("sampling").GetProperty("rules").GetArrayLength() > 0);
        foreach (var status in new[] { fy2567.GetProperty("rating").GetProperty("status"), fy2567.GetProperty("sampling").GetProperty("status"), fy2567.GetProperty("totalRule").GetProperty("status") })
        {
            Assert.Contains(status.GetString(), Statuses);
        }

        var fy2563 = await ApiCalls.JsonOf(await client.GetAsync("/api/v1/frameworks/2563"));
        Assert.Equal(JsonValueKind.Array, fy2563.GetProperty("questions").ValueKind);
        Assert.Equal("unknown", fy2563.GetProperty("sampling").GetProperty("status").GetString());
    }
}
