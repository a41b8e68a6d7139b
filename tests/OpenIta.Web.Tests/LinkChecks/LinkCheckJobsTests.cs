using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Data;
using OpenIta.Data.LinkChecks;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.LinkChecks;

/// <summary>The link checker's queue on one database shared by two instances of the application, on both engines.</summary>
public sealed class LinkCheckJobsTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>An instance that does not run the queue itself: the test claims by hand.</summary>
    internal static Action<IWebHostBuilder> Settings(bool runJobs = false) => builder =>
    {
        builder.UseSetting("Oit:LinkCheck:RunJobs", runJobs ? "true" : "false");
        builder.UseSetting("Oit:LinkCheck:AllowPrivateAddresses", "true");
        builder.UseSetting("Oit:LinkCheck:PollSeconds", "0.1");
        builder.UseSetting("Oit:LinkCheck:SweepSeconds", "0"); // no sweep unless a test asks
        builder.UseSetting("Oit:LinkCheck:SnapshotStore", Directory.CreateTempSubdirectory("openita-snapshots-").FullName);
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Two_instances_never_claim_the_same_job(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await using var first = await TestApp.StartAsync(engine, database, Settings());
        await using var second = await TestApp.StartAsync(engine, database, Settings());
        var agency = await first.AddAgencyAsync("own");
        for (var year = 2560; year < 2580; year++)
        {
            var y = year;
            await first.WithDbAsync(db => LinkCheckJobs.EnqueueAsync(db, agency.Id, y, "demand", null, Now));
        }

        var claims = new ConcurrentBag<long>();
        async Task ClaimUntilEmptyAsync(TestApp app)
        {
            while (true)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var job = await LinkCheckJobs.ClaimAsync(scope.ServiceProvider.GetRequiredService<OpenItaDb>(), Now, Lease);
                if (job is null)
                {
                    return;
                }
                claims.Add(job.Id);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => ClaimUntilEmptyAsync(i % 2 == 0 ? first : second))));

        Assert.Equal(20, claims.Count);
        Assert.Equal(20, claims.Distinct().Count());
        var attempts = await first.WithDbAsync(db => Task.FromResult(db.LinkCheckJobs.Select(j => j.Attempts).ToList()));
        Assert.All(attempts, a => Assert.Equal(1, a));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_job_whose_lease_ran_out_is_taken_over_and_the_stalled_claim_can_no_longer_write(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine, configure: Settings());
        var agency = await app.AddAgencyAsync("own");
        await app.WithDbAsync(db => LinkCheckJobs.EnqueueAsync(db, agency.Id, 2567, "demand", "coordinator", Now));

        var stalled = await app.WithDbAsync(db => LinkCheckJobs.ClaimAsync(db, Now, Lease));
        Assert.NotNull(stalled);
        Assert.Null(await app.WithDbAsync(db => LinkCheckJobs.ClaimAsync(db, Now + Lease / 2, Lease))); // still held

        var later = Now + Lease + TimeSpan.FromSeconds(1);
        var takeover = await app.WithDbAsync(db => LinkCheckJobs.ClaimAsync(db, later, Lease));
        Assert.NotNull(takeover);
        Assert.Equal(stalled.Id, takeover.Id);
        Assert.Equal(2, takeover.Attempts);

        Assert.False(await app.WithDbAsync(db => LinkCheckJobs.RenewAsync(db, stalled, later, Lease, 1, 1, 0)));
        Assert.False(await app.WithDbAsync(db => LinkCheckJobs.FinishAsync(db, stalled, later, 1, 1, 0, null)));
        Assert.True(await app.WithDbAsync(db => LinkCheckJobs.RenewAsync(db, takeover, later, Lease, 3, 1, 0)));
        Assert.True(await app.WithDbAsync(db => LinkCheckJobs.FinishAsync(db, takeover, later, 3, 3, 1, null)));

        var done = await app.WithDbAsync(db => Task.FromResult(db.LinkCheckJobs.Single()));
        Assert.Equal(LinkCheckJobStatus.Done, done.Status);
        Assert.Equal((3, 3, 1), (done.Total, done.Checked, done.Broken));
        Assert.Null(await app.WithDbAsync(db => LinkCheckJobs.ClaimAsync(db, later + Lease * 10, Lease))); // done is done
    }

    [Fact]
    public async Task Asking_again_while_a_check_waits_returns_the_waiting_one()
    {
        await using var app = await TestApp.StartAsync(configure: Settings());
        var agency = await app.AddAgencyAsync("own");
        var first = await app.WithDbAsync(db => LinkCheckJobs.EnqueueAsync(db, agency.Id, 2567, "demand", null, Now));
        var again = await app.WithDbAsync(db => LinkCheckJobs.EnqueueAsync(db, agency.Id, 2567, "demand", null, Now));
        var otherYear = await app.WithDbAsync(db => LinkCheckJobs.EnqueueAsync(db, agency.Id, 2568, "demand", null, Now));
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, otherYear.Id);
    }

    [Theory]
    [InlineData(2567, false)]
    [InlineData(2565, true)]
    public void A_document_is_outside_the_year_when_none_of_its_dates_is_in_it(int fiscalYear, bool outside)
    {
        // FY2567 runs from 1 October 2023 to 30 September 2024.
        Assert.Equal(outside, LinkCheckRecords.OutsideYear([new DateOnly(2023, 10, 1), new DateOnly(2024, 10, 1)], fiscalYear));
        Assert.Null(LinkCheckRecords.OutsideYear([], fiscalYear));
        Assert.True(LinkCheckRecords.OutsideYear([new DateOnly(2023, 9, 30)], 2567)); // the day before the year
        Assert.False(LinkCheckRecords.OutsideYear([new DateOnly(2024, 9, 30)], 2567)); // its last day
    }
}
