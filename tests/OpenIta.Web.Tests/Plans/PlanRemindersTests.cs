using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using OpenIta.Data;
using OpenIta.Web.Features.Plans;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Plans.PlansKit;

namespace OpenIta.Web.Tests.Plans;

/// <summary>The e-mail reminders of a round, to a real SMTP server on 127.0.0.1: the unit owner who still owes reports
/// of an overdue round gets one message listing their units' items, however often the reminders run.</summary>
public sealed class PlanRemindersTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_owner_who_still_owes_reports_of_an_overdue_round_is_reminded_once_by_email(DatabaseEngine engine)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var server = SimpleSmtpServer.Start(port);
        var cast = await StartAsync(engine, builder =>
        {
            builder.UseSetting("Mail:Provider", "smtp");
            builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Mail:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:Smtp:Security", "none");
            builder.UseSetting("Mail:BaseUrl", "https://ita.example.go.th");
        });
        await using var app = cast.App;
        for (var run = 0; run < 3; run++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PlanReminders>().RunAsync(CancellationToken.None);
        }
        for (var i = 0; i < 100 && server.ReceivedEmailCount < 1; i++)
        {
            await Task.Delay(50);
        }
        await Task.Delay(300);
        var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(server.ReceivedEmail).Data)));
        Assert.Equal("owner@example.go.th", message.To.Mailboxes.Single().Address);
        Assert.Contains("เลยกำหนดส่งรายงานความก้าวหน้า รอบ 6 เดือน ปีงบประมาณ 2568 (1 รายการ)", message.Subject, StringComparison.Ordinal);
        Assert.Contains("โครงการ 1.1.1 โครงการลงนามรับทราบนโยบาย", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("1.1.2", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://ita.example.go.th/todo", message.TextBody, StringComparison.Ordinal);
    }
}
