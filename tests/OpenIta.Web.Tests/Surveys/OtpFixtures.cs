using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIta.Core.Methodology;
using OpenIta.Data.Surveys;
using OpenIta.Web.Tests.Infrastructure;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>What the OTP tests share: an open survey link, the app's settings for the file SMS sink, reading the codes
/// it received, and calling the two endpoints.</summary>
internal static class OtpFixtures
{
    public const string PhoneKey = "otp-test-phone-key-0123456789abcdef";

    /// <summary>An open round of a new agency <paramref name="slug"/> with a link of <paramref name="instrument"/>; its token.</summary>
    public static async Task<string> OpenLinkAsync(TestApp app, string slug, Instrument instrument = Instrument.Eit1, int year = 2567)
    {
        var agency = await app.AddAgencyAsync(slug);
        return await app.WithDbAsync(async db =>
        {
            var questionnaire = new QuestionnaireVersion { FiscalYear = year, Number = 1, Definition = "fiscalYear: " + year, Sha256 = new string('0', 64) };
            if (db.Questionnaires.FirstOrDefault(q => q.FiscalYear == year) is { } existing)
            {
                questionnaire = existing;
            }
            else
            {
                db.Questionnaires.Add(questionnaire);
            }
            var round = new AssessmentRound { AgencyId = agency.Id, FiscalYear = year, Status = AssessmentStatus.Open, Questionnaire = questionnaire };
            db.AssessmentRounds.Add(round);
            var link = new SurveyLink { Token = SurveyLinks.NewToken(), Round = round, Instrument = instrument };
            db.SurveyLinks.Add(link);
            await db.SaveChangesAsync();
            return link.Token;
        });
    }

    /// <summary>The file SMS sink in a folder of its own, the phone key, and the given limits (Surveys:Otp:…).</summary>
    public static Dictionary<string, string> Settings(string smsFile, params (string Name, int Value)[] limits)
    {
        var settings = new Dictionary<string, string>
        {
            ["Sms:Provider"] = "file",
            ["Sms:File"] = smsFile,
            ["Surveys:PhoneKey"] = PhoneKey,
            ["Security:CounterKey"] = "otp-test-counter-key-0123456789",
        };
        foreach (var (name, value) in limits)
        {
            settings["Surveys:Otp:" + name] = value.ToString(CultureInfo.InvariantCulture);
        }
        return settings;
    }

    public static string NewSmsFile() => Path.Combine(Directory.CreateTempSubdirectory("openita-sms-").FullName, "sms.txt");

    /// <summary>The newest code the file sink holds for <paramref name="e164"/>.</summary>
    public static string LastCode(string smsFile, string e164)
    {
        var line = File.ReadLines(smsFile).Last(l => l.StartsWith(e164 + "\t", StringComparison.Ordinal));
        return line.Split('\t')[1][..6];
    }

    public static Task<HttpResponseMessage> AskAsync(HttpClient client, string link, string phone, string? peer = null) =>
        PostAsync(client, $"/api/v1/public/surveys/{link}/otp", new { phone }, peer);

    public static Task<HttpResponseMessage> VerifyAsync(HttpClient client, string link, string phone, string code, string? peer = null) =>
        PostAsync(client, $"/api/v1/public/surveys/{link}/verify", new { phone, code }, peer);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (peer is not null)
        {
            request.Headers.Add(TestHosting.PeerHeader, peer);
        }
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A Thai mobile number from a counter: +66 8x xxx xxxx.</summary>
    public static string Phone(int n) => string.Create(CultureInfo.InvariantCulture, $"08{n % 10}{n / 10 % 10000000:0000000}");

    public static string E164(string local) => "+66" + local[1..];
}

/// <summary>Every log line the app writes, at every level, kept for the test to read.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public Action<IWebHostBuilder> Into() => builder =>
    {
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(this));
    };

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => p.Key + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)))
                : "";
            lines.Enqueue($"{logLevel} {category} [{eventId.Id} {eventId.Name}] {formatter(state, exception)} {structured} {exception}");
        }
    }
}
