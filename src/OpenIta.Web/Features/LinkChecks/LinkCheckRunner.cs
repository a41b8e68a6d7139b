using OpenIta.Data;
using OpenIta.Data.LinkChecks;

namespace OpenIta.Web.Features.LinkChecks;

/// <summary>
/// Runs the link checker's jobs (<see cref="LinkCheckJobs"/>): claims one, fetches its URLs
/// <see cref="LinkCheckOptions.Concurrency"/> at a time, writes each check as it comes (<see cref="LinkCheckRecords"/>),
/// and renews the lease every third of it while it works. When the lease is lost (another instance took the job over
/// after this one stalled) it stops at once and writes nothing more.
/// </summary>
public sealed class LinkCheckRunner(IServiceScopeFactory scopes, LinkFetcher fetcher, LinkCheckOptions options, TimeProvider clock,
    ILogger<LinkCheckRunner> log)
{
    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, options.LeaseSeconds));

    /// <summary>Queues a check of every submitted set the assessor has still to review that was not checked since its
    /// submission, nor in the last <see cref="LinkCheckOptions.RecheckHours"/>; returns how many were queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Db(scope);
        var now = clock.GetUtcNow();
        var due = await LinkTargets.DueAsync(db, now - TimeSpan.FromHours(Math.Max(0, options.RecheckHours)), 100, cancellationToken);
        foreach (var (agencyId, fiscalYear) in due)
        {
            await LinkCheckJobs.EnqueueAsync(db, agencyId, fiscalYear, "review", null, now, cancellationToken);
        }
        return due.Count;
    }

    /// <summary>Claims and runs the next job; false when there was none to claim.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        LinkCheckJob? job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            job = await LinkCheckJobs.ClaimAsync(Db(scope), clock.GetUtcNow(), Lease, cancellationToken);
        }
        if (job is null)
        {
            return false;
        }
        await RunAsync(job, cancellationToken);
        return true;
    }

    private async Task RunAsync(LinkCheckJob job, CancellationToken cancellationToken)
    {
        IReadOnlyList<LinkTarget> targets;
        await using (var scope = scopes.CreateAsyncScope())
        {
            targets = await LinkTargets.ForAsync(Db(scope), job.AgencyId, job.FiscalYear, cancellationToken);
        }
        var progress = new Progress(targets.Count);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(job, progress, held, renewing.Token);
        string? error = null;
        try
        {
            await Parallel.ForEachAsync(targets,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = held.Token },
                async (target, token) =>
                {
                    var result = await fetcher.FetchAsync(target.Url, token);
                    await using var scope = scopes.CreateAsyncScope();
                    await LinkCheckRecords.AddAsync(Db(scope), job, target, result, token);
                    progress.Add(result.IsBroken);
                });
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("Link check job {Job} was taken over by another instance; this one stopped", job.Id);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Link check job {Job} failed", job.Id);
            error = e.Message;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            await LinkCheckJobs.FinishAsync(Db(scope), job, clock.GetUtcNow(), progress.Total, progress.Checked, progress.Broken, error,
                CancellationToken.None);
        }
    }

    /// <summary>Renews the lease every third of it; cancels <paramref name="held"/> when the job is no longer this claim's.</summary>
    private async Task RenewAsync(LinkCheckJob job, Progress progress, CancellationTokenSource held, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await LinkCheckJobs.RenewAsync(Db(scope), job, clock.GetUtcNow(), Lease, progress.Total, progress.Checked, progress.Broken, stop))
                {
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the job ended
        }
    }

    private static OpenItaDb Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<OpenItaDb>();

    private sealed class Progress(int total)
    {
        private int _checked;
        private int _broken;

        public int Total => total;
        public int Checked => Volatile.Read(ref _checked);
        public int Broken => Volatile.Read(ref _broken);

        public void Add(bool broken)
        {
            Interlocked.Increment(ref _checked);
            if (broken)
            {
                Interlocked.Increment(ref _broken);
            }
        }
    }
}

/// <summary>Runs the queue on every instance (several are safe: each job is claimed by one): a job after another while
/// there are some, then a look every <see cref="LinkCheckOptions.PollSeconds"/>.</summary>
public sealed class LinkCheckService(LinkCheckRunner runner, LinkCheckOptions options, TimeProvider clock, ILogger<LinkCheckService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunJobs)
        {
            return;
        }
        await Task.Yield(); // start-up (migrations) goes on
        var sweptAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = false;
            try
            {
                if (options.SweepSeconds > 0 && clock.GetUtcNow() - sweptAt >= TimeSpan.FromSeconds(options.SweepSeconds))
                {
                    sweptAt = clock.GetUtcNow();
                    await runner.QueueDueAsync(stoppingToken);
                }
                ran = await runner.RunNextAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The link checker could not take a job; it tries again");
            }
            if (!ran)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, options.PollSeconds)), clock, stoppingToken);
            }
        }
    }
}
