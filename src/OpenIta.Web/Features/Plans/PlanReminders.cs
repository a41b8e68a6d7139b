using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIta.Data;
using OpenIta.Data.Plans;
using OpenIta.Data.Users;
using OpenIta.Reports.Thai;
using OpenIta.Web.Infrastructure.Mail;

namespace OpenIta.Web.Features.Plans;

/// <summary>
/// The e-mail reminders of progress rounds (issue 11, item 4): every unit owner with an e-mail address who still owes
/// reports in an open round gets one message when the due date is <c>Mail:RemindDaysBefore</c> days away or nearer,
/// and one more once it has passed — each once, whatever the number of instances and runs (<see cref="MailDispatch"/>:
/// the key is the round, the user and which of the two it is). What the message lists is the user's to-do list
/// (<see cref="ToDoList"/>), the same as the pages show.
/// </summary>
public sealed class PlanReminders(OpenItaDb db, ToDoList toDo, MailDispatch dispatch, IOptions<MailOptions> options, TimeProvider clock)
{
    /// <summary>Sends what is due now; returns how many messages this run sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return 0;
        }
        var today = ThaiTime.Today(clock);
        var horizon = today.AddDays(Math.Max(0, settings.RemindDaysBefore));
        var rounds = await db.ProgressRounds.AsNoTracking()
            .Where(r => r.Status == RoundStatus.Open && r.DueOn != null && r.DueOn <= horizon)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var mails = new List<OnceMail>();
        foreach (var agencyRounds in rounds.GroupBy(r => r.AgencyId))
        {
            var owners = await db.Memberships.AsNoTracking()
                .Where(m => m.AgencyId == agencyRounds.Key && m.Role == Role.UnitOwner && m.User!.Email != null && m.User.Email != "")
                .Select(m => new { m.UserId, Email = m.User!.Email!, m.User.DisplayName })
                .ToListAsync(cancellationToken);
            foreach (var owner in owners.DistinctBy(o => o.UserId))
            {
                var permissions = await Permissions.ForAsync(db, owner.UserId, cancellationToken);
                foreach (var round in agencyRounds)
                {
                    var owed = await toDo.ForAsync(permissions, cancellationToken, round.Id);
                    if (owed.Count == 0)
                    {
                        continue;
                    }
                    var overdue = today > round.DueOn!.Value;
                    var key = string.Create(CultureInfo.InvariantCulture, $"plan-round:{round.Id}:user:{owner.UserId}:{(overdue ? "overdue" : "due")}");
                    mails.Add(new OnceMail(key, Message(owner.Email, owner.DisplayName, round, owed, overdue, settings.BaseUrl)));
                }
            }
        }
        return await dispatch.SendOnceAsync(mails, cancellationToken);
    }

    /// <summary>The reminder: Thai first, English below it (a message has no language switch).</summary>
    public static OutgoingMail Message(string to, string name, ProgressRoundRow round, IReadOnlyList<ToDoRow> owed, bool overdue, string? baseUrl)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(owed);
        var due = round.DueOn!.Value;
        var dueTh = string.Create(CultureInfo.InvariantCulture, $"{due.Day} {ThaiDates.MonthName(due.Month)} {ThaiDates.BuddhistYear(due)}");
        var dueEn = due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var periodTh = round.Period switch { "6" => "รอบ 6 เดือน", "12" => "รอบ 12 เดือน", var p => "รอบ " + p };
        var count = owed.Count.ToString(CultureInfo.InvariantCulture);
        var agency = owed[0].Agency;
        var subject = overdue
            ? $"OpenITA: เลยกำหนดส่งรายงานความก้าวหน้า {periodTh} ปีงบประมาณ {round.FiscalYear} ({count} รายการ)"
            : $"OpenITA: กรุณาส่งรายงานความก้าวหน้า {periodTh} ปีงบประมาณ {round.FiscalYear} ภายใน {dueTh} ({count} รายการ)";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"เรียน {name}");
        text.AppendLine();
        text.AppendLine(overdue
            ? $"รายงานความก้าวหน้าตามแผนปฏิบัติการป้องกันการทุจริตของ {agency.NameTh} {periodTh} ปีงบประมาณ {round.FiscalYear} เลยกำหนดส่ง ({dueTh}) แล้ว ยังขาดรายงานของหน่วยงานท่าน {count} รายการ:"
            : $"กรุณาส่งรายงานความก้าวหน้าตามแผนปฏิบัติการป้องกันการทุจริตของ {agency.NameTh} {periodTh} ปีงบประมาณ {round.FiscalYear} ภายใน {dueTh} หน่วยงานของท่านยังต้องรายงาน {count} รายการ:");
        foreach (var row in owed.Take(50))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {row.Subject.Level} {row.Subject.ShownNumber} {row.Subject.Title}");
        }
        if (owed.Count > 50)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- และอีก {owed.Count - 50} รายการ");
        }
        text.AppendLine();
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"รายงานได้ที่ {baseUrl.TrimEnd('/')}/todo");
            text.AppendLine();
        }
        text.AppendLine("--");
        text.AppendLine(overdue
            ? $"The {round.Period}-month progress report of FY{round.FiscalYear} was due on {dueEn}; your units still owe {count} item(s)."
            : $"Please send the {round.Period}-month progress report of FY{round.FiscalYear} by {dueEn}; your units still owe {count} item(s).");
        return new OutgoingMail(to, subject, text.ToString());
    }
}

/// <summary>Runs <see cref="PlanReminders"/> at start and every <c>Mail:ReminderIntervalMinutes</c>, when mail is configured.</summary>
public sealed class PlanReminderService(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<PlanReminderService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.ReminderIntervalMinutes)), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<PlanReminders>().RunAsync(stoppingToken);
                if (sent > 0)
                {
                    log.LogInformation("Sent {Count} progress reminders", sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The progress reminders failed; they are tried again on the next run");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
