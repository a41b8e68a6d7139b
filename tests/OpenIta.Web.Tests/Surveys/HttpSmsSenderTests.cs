using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIta.Core.Surveys;
using OpenIta.Web.Infrastructure.Sms;
using Xunit;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>
/// The generic HTTP SMS provider against a fake gateway started on 127.0.0.1 (Kestrel): what it sends (method, header,
/// the body template filled and escaped for JSON), and what it counts as not sent (a failing status, a JSON answer that
/// is not the success value, a gateway that does not answer in time).
/// </summary>
public sealed class HttpSmsSenderTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Method, string Path, string? Key, string Body)> _received = new();
    private WebApplication _gateway = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _gateway = builder.Build();
        _gateway.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _received.Enqueue((context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers["X-Api-Key"].FirstOrDefault(),
                await reader.ReadToEndAsync(context.RequestAborted)));
            await next(context);
        });
        _gateway.MapPost("/ok", () => TypedResults.Json(new { status = "ok" }));
        _gateway.MapPost("/refused", () => TypedResults.Json(new { status = "error" }));
        _gateway.MapPost("/fails", () => TypedResults.StatusCode(500));
        _gateway.MapPost("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            return TypedResults.Ok();
        });
        await _gateway.StartAsync();
        _base = new Uri(_gateway.Urls.Single());
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private HttpSmsSender Sender(string path, int timeoutSeconds = 10) => new(Options.Create(new SmsOptions
    {
        Provider = "http",
        Http = new HttpSmsOptions
        {
            Url = new Uri(_base, path).AbsoluteUri,
            Headers = { ["X-Api-Key"] = "secret-from-configuration" },
            Body = """{"to": "{phone}", "message": "{text}"}""",
            ContentType = "application/json",
            SuccessJsonPath = "status",
            SuccessJsonValue = "ok",
            TimeoutSeconds = timeoutSeconds,
        },
    }));

    private static SmsMessage Message(string text)
    {
        Assert.True(ThaiMobileNumber.TryParse("081-234-5678", out var number));
        return new SmsMessage(number, text);
    }

    [Fact]
    public async Task A_message_is_posted_with_its_header_and_the_template_filled_and_escaped_for_json()
    {
        using var sender = Sender("/ok");
        await sender.SendAsync(Message("รหัส \"123456\" ใช้ได้ 5 นาที"), CancellationToken.None);

        var (method, path, key, body) = Assert.Single(_received);
        Assert.Equal(("POST", "/ok", "secret-from-configuration"), (method, path, key));
        using var json = JsonDocument.Parse(body); // a quote in the text must not break the JSON
        Assert.Equal("รหัส \"123456\" ใช้ได้ 5 นาที", json.RootElement.GetProperty("message").GetString());
        Assert.EndsWith("812345678", json.RootElement.GetProperty("to").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/fails")]   // a status outside 200-299
    [InlineData("/refused")] // 200, but the JSON's status is not "ok"
    public async Task A_gateway_that_refuses_is_a_message_not_sent(string path)
    {
        using var sender = Sender(path);
        await Assert.ThrowsAsync<SmsNotSentException>(() => sender.SendAsync(Message("รหัส 123456"), CancellationToken.None));
        Assert.Single(_received);
    }

    [Fact]
    public async Task A_gateway_that_does_not_answer_in_time_is_a_message_not_sent()
    {
        using var sender = Sender("/slow", timeoutSeconds: 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<SmsNotSentException>(() => sender.SendAsync(Message("รหัส 123456"), CancellationToken.None));
        Assert.Contains("did not answer", refused.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "the timeout did not stop the wait");
    }
}
