using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace OpenIta.Data.Workflow;

/// <summary>
/// A row that people move through a workflow at the same time (a measures plan revision now; the action plan, its
/// rounds and assessments next): it carries a version that every write raises by one. A form or client sends the
/// version it read; a write from an older version is refused with 409 (issue 8), and two writes that read the same
/// version cannot both land: the version is EF's concurrency token, so the second UPDATE matches no row and
/// <see cref="DbUpdateConcurrencyException"/> is thrown. Portable: a plain integer column on SQLite and PostgreSQL.
/// </summary>
public interface IWorkflowRow
{
    /// <summary>1 when created, one more on every save that changes the row.</summary>
    int Version { get; set; }
}

/// <summary>How the model and <see cref="OpenItaDb"/> keep <see cref="IWorkflowRow.Version"/>.</summary>
public static class WorkflowRows
{
    /// <summary>Makes <see cref="IWorkflowRow.Version"/> the concurrency token of every workflow entity of the model.</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IWorkflowRow).IsAssignableFrom(e.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IWorkflowRow.Version)).IsConcurrencyToken();
        }
    }

    /// <summary>Before a save: new workflow rows start at version 1, changed ones go up by one.</summary>
    public static void Stamp(ChangeTracker changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var entry in changes.Entries<IWorkflowRow>())
        {
            if (entry.State == EntityState.Added && entry.Entity.Version == 0)
            {
                entry.Entity.Version = 1;
            }
            else if (entry.State == EntityState.Modified)
            {
                var original = (int)entry.Property(nameof(IWorkflowRow.Version)).OriginalValue!;
                entry.Entity.Version = original + 1;
            }
        }
    }

    /// <summary>Whether the client's version (when it sent one) is older than the row's.</summary>
    public static bool IsStale(this IWorkflowRow row, int? expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(row);
        return expectedVersion is { } expected && expected != row.Version;
    }
}
