using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using OpenIta.Data;
using OpenIta.Web.Infrastructure.Mail;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Mail;

/// <summary>
/// Reminders by e-mail, against a real SMTP server the test starts on 127.0.0.1 (netDumbster), through MailKit as in
/// production; and the file sink of development.
/// </summary>
public sealed class MailTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static OnceMail Reminder(string key, string to) =>
        new(key, new OutgoingMail(to, "แจ้งเตือน: รายงานความก้าวหน้า รอบ ๖ เดือน", "กรุณารายงานผลการดำเนินงานของโครงการ 1.1"));

    private static Action<IWebHostBuilder> Smtp(int port) => builder =>
    {
        builder.UseSetting("Mail:Provider", "smtp");
        builder.UseSetting("Mail:From", "OpenITA <ita@example.go.th>");
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Mail:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Smtp:Security", "none");
        builder.UseSetting("Mail:Smtp:TimeoutSeconds", "10");
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<int> DispatchAsync(TestApp app, IEnumerable<OnceMail> mails)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailDispatch>().SendOnceAsync(mails, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Each_reminder_reaches_the_smtp_server_once_however_many_instances_send_it_at_once(DatabaseEngine engine)
    {
        var port = FreePort();
        using var server = SimpleSmtpServer.Start(port);
        var database = await TestDatabases.CreateAsync(engine);
        await using var first = await TestApp.StartAsync(engine, database, Smtp(port));
        await using var second = await TestApp.StartAsync(engine, database, Smtp(port));
        OnceMail[] reminders =
        [
            Reminder("round:1:user:a:due", "owner.a@example.go.th"),
            Reminder("round:1:user:b:due", "owner.b@example.go.th"),
            Reminder("round:1:user:a:overdue", "owner.a@example.go.th"),
        ];

        // Two instances, four runs each, all at once: every reminder is claimed by exactly one of them.
        var runs = Enumerable.Range(0, 8).Select(i => Task.Run(() => DispatchAsync(i % 2 == 0 ? first : second, reminders)));
        var sent = (await Task.WhenAll(runs)).Sum();
        // And later runs send nothing again.
        sent += await DispatchAsync(first, reminders) + await DispatchAsync(second, reminders);

        Assert.Equal(3, sent);
        await WaitForAsync(() => server.ReceivedEmailCount >= 3);
        await Task.Delay(300);
        Assert.Equal(3, server.ReceivedEmailCount);
        var received = server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)))).ToList();
        Assert.All(received, m => Assert.Equal("แจ้งเตือน: รายงานความก้าวหน้า รอบ ๖ เดือน", m.Subject));
        Assert.All(received, m => Assert.Contains("โครงการ 1.1", m.TextBody, StringComparison.Ordinal));
        Assert.Equal(["owner.a@example.go.th", "owner.a@example.go.th", "owner.b@example.go.th"],
            received.Select(m => m.To.Mailboxes.Single().Address).Order());
        var rows = await first.WithDbAsync(db => db.SentMail.AsNoTracking().OrderBy(m => m.Key).ToListAsync());
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.SentAtUnixMs));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_reminder_the_server_did_not_take_is_sent_on_a_later_run(DatabaseEngine engine)
    {
        var port = FreePort();
        await using var app = await TestApp.StartAsync(engine, configure: Smtp(port));
        var reminder = Reminder("round:2:user:c:overdue", "owner.c@example.go.th");

        // Nothing listens on the port: the send fails, the reminder is released with the reason.
        Assert.Equal(0, await DispatchAsync(app, [reminder]));
        var failed = await app.WithDbAsync(db => db.SentMail.AsNoTracking().SingleAsync());
        Assert.Null(failed.SentAtUnixMs);
        Assert.Null(failed.ClaimedAtUnixMs);
        Assert.False(string.IsNullOrEmpty(failed.LastError));

        using var server = SimpleSmtpServer.Start(port);
        Assert.Equal(1, await DispatchAsync(app, [reminder]));
        Assert.Equal(0, await DispatchAsync(app, [reminder]));
        await WaitForAsync(() => server.ReceivedEmailCount >= 1);
        Assert.Equal(1, server.ReceivedEmailCount);
        var sent = await app.WithDbAsync(db => db.SentMail.AsNoTracking().SingleAsync());
        Assert.NotNull(sent.SentAtUnixMs);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task Without_a_provider_nothing_is_sent_or_recorded()
    {
        await using var app = await TestApp.StartAsync();
        Assert.Equal(0, await DispatchAsync(app, [Reminder("round:3:user:d:due", "d@example.go.th")]));
        Assert.Equal(0, await app.WithDbAsync(db => db.SentMail.CountAsync()));
    }

    [Fact]
    public async Task The_file_sink_of_development_appends_each_message_once()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("openita-mail-").FullName, "mail", "outbox.mbox");
        await using var app = await TestApp.StartAsync(configure: builder =>
        {
            builder.UseSetting("Mail:Provider", "file");
            builder.UseSetting("Mail:File", file);
        });
        OnceMail[] reminders = [Reminder("round:4:user:e:due", "e@example.go.th"), Reminder("round:4:user:f:due", "f@example.go.th")];
        Assert.Equal(2, await DispatchAsync(app, reminders));
        Assert.Equal(0, await DispatchAsync(app, reminders));

        await using var stream = File.OpenRead(file);
        var parser = new MimeParser(stream, MimeFormat.Mbox);
        var messages = new List<MimeMessage>();
        while (!parser.IsEndOfStream)
        {
            messages.Add(await parser.ParseMessageAsync());
        }
        Assert.Equal(["e@example.go.th", "f@example.go.th"], messages.Select(m => m.To.Mailboxes.Single().Address));
        Assert.All(messages, m => Assert.Equal("แจ้งเตือน: รายงานความก้าวหน้า รอบ ๖ เดือน", m.Subject));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
