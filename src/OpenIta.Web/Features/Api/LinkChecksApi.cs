using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.LinkChecks;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// <c>/api/v1/agencies/{slug}/oit/{year}/check</c>: the link checker's runs over an agency's OIT URLs of a year
/// (issue 13, item 2). POST queues a run (202; it runs in the background, on whichever instance claims it); GET
/// tells how the latest run stands. Each URL's latest check is on the OIT item itself (<c>GET …/oit/{year}</c>).
/// </summary>
public static class LinkChecksApi
{
    /// <summary>A run: queued, running or done; how many URLs it has checked and found broken.</summary>
    public sealed record CheckRun(long Id, string Status, string Reason, DateTimeOffset RequestedAt, string? RequestedBy,
        DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int Total, int Checked, int Broken);

    private static readonly Message RequestRule = Message.Of("link-check.forbidden",
        "เฉพาะผู้ประสานงาน เจ้าของหน่วยงานย่อย ผู้ประเมินของหน่วยงาน และผู้ดูแลระบบสั่งตรวจลิงก์ได้",
        "Only the agency's coordinators, unit owners, its assessors and administrators start a link check.");

    internal static void MapLinkChecks(this RouteGroupBuilder api)
    {
        var checks = api.MapGroup("/agencies/{slug}/oit/{year:int}/check").WithTags("OIT");
        checks.MapGet("", GetAsync)
            .WithName("GetLinkCheck")
            .WithSummary("The latest link check of an agency's OIT URLs of a year")
            .WithDescription("Its status (queued, running, done), when it was asked for and by whom, and how many URLs it has " +
                "checked and found broken. 404 when none was ever asked for.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        checks.Changes().MapPost("", PostAsync)
            .WithName("StartLinkCheck")
            .WithSummary("Check an agency's OIT URLs of a year again")
            .WithDescription("Queues a check of every URL of every OIT item of the year; 202 with the run, which goes on in the " +
                "background (GET the Location for its progress). A run already queued is returned rather than a second one. " +
                "API token only; the agency's coordinators, unit owners, its assessors of the year and administrators.")
            .Produces<CheckRun>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CheckRun>, ProblemHttpResult>> GetAsync(
        string slug, int year, OpenItaDb db, AgencyLookup lookup, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        var job = await db.LinkCheckJobs.AsNoTracking()
            .Where(j => j.AgencyId == found.Agency.Id && j.FiscalYear == year)
            .OrderByDescending(j => j.Id).FirstOrDefaultAsync(cancellationToken);
        return job is null
            ? ApiProblems.NotFound(Message.Of("link-check.none", "ยังไม่เคยตรวจลิงก์ OIT ปี {year}",
                "The OIT links of {year} were never checked.", ("year", year)))
            : TypedResults.Ok(View(job));
    }

    private static async Task<Results<Accepted<CheckRun>, ProblemHttpResult>> PostAsync(
        string slug, int year, OpenItaDb db, AgencyLookup lookup, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        if (year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe)
        {
            return ApiProblems.Invalid("year", Message.Of("link-check.year",
                "ปีงบประมาณเป็นปีพุทธศักราช {min}–{max}", "A fiscal year is a Buddhist-Era year, {min}–{max}.",
                ("min", FiscalYear.MinimumBe), ("max", FiscalYear.MaximumBe)));
        }
        if (!found.Permissions.CanCheckOitLinks(found.Agency, year))
        {
            return ApiProblems.Forbidden(RequestRule);
        }
        var job = await LinkCheckJobs.EnqueueAsync(db, found.Agency.Id, year, "demand", user.Name, clock.GetUtcNow(), cancellationToken);
        return TypedResults.Accepted($"/api/v1/agencies/{Uri.EscapeDataString(slug)}/oit/{year}/check", View(job));
    }

    private static CheckRun View(LinkCheckJob job) => new(
        job.Id, job.Status.ToString().ToLowerInvariant(), job.Reason, DateTimeOffset.FromUnixTimeMilliseconds(job.RequestedAtUnixMs),
        job.RequestedBy, At(job.StartedAtUnixMs), At(job.FinishedAtUnixMs), job.Total, job.Checked, job.Broken);

    private static DateTimeOffset? At(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
