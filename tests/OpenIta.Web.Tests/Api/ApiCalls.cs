using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenIta.Testing;

namespace OpenIta.Web.Tests.Api;

/// <summary>What the API tests share: request bodies, the seed inputs and reading problem details.</summary>
internal static class ApiCalls
{
    /// <summary>Seed 000 (สำนักเลขาธิการนายกรัฐมนตรี), FY2565, from its indicator table: total 89.21, rating A.</summary>
    public static string Spm2565 { get; } = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "spm-2565.json"));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object value) => Json(JsonSerializer.Serialize(value));

    public static HttpRequestMessage Request(HttpMethod method, string path, string? json = null) =>
        new(method, path) { Content = json is null ? null : Json(json) };

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The problem details of a response; fails when it is not application/problem+json.</summary>
    public static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Xunit.Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await JsonOf(response);
    }

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
