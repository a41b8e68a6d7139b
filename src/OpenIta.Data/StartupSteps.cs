using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data;

/// <summary>A one-time step of the application's start-up that is done for this database (by whichever instance).</summary>
public sealed class StartupStep
{
    /// <summary>The step's name and version, e.g. <c>ratings.clear-undecided.1</c>; at most 100 characters.</summary>
    public required string Name { get; set; }

    public long DoneAtUnixMs { get; set; }
}

/// <summary>
/// Steps that start-up runs once per database rather than at every start (a data correction that a schema migration
/// cannot make because it needs the rules of the core): the step runs, then its mark is saved. Call it under the
/// instance lock; a step must be idempotent, since a process that dies between the step and its mark runs it again.
/// </summary>
public static class StartupSteps
{
    /// <summary>Runs <paramref name="step"/> unless its mark <paramref name="name"/> is there; returns whether it ran.</summary>
    public static async Task<bool> RunOnceAsync(
        OpenItaDb db, string name, Func<CancellationToken, Task> step, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(clock);
        if (await db.StartupSteps.AsNoTracking().AnyAsync(s => s.Name == name, cancellationToken))
        {
            return false;
        }
        await step(cancellationToken);
        db.StartupSteps.Add(new StartupStep { Name = name, DoneAtUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
