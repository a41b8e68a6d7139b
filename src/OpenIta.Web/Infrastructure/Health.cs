using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenIta.Data;
using OpenIta.Data.Migrations;

namespace OpenIta.Web.Infrastructure;

/// <summary>Whether the database's schema is the one this build expects: every EF Core migration of its engine applied.</summary>
public sealed class SchemaStatus(OpenItaDb db)
{
    public async Task<(bool IsCurrent, string Detail)> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var known = SchemaMigrator.Known(db);
            var applied = await SchemaMigrator.AppliedAsync(db, cancellationToken);
            var missing = known.Except(applied).ToList();
            return missing.Count == 0
                ? (true, $"schema current ({known[^1]})")
                : (false, $"migrations not applied: {string.Join(", ", missing)}");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return (false, "no schema yet");
        }
    }
}

/// <summary>
/// <c>/health/live</c>: the process answers (no database). <c>/health/ready</c>: the database is reachable and its
/// schema current (503 otherwise), and the PDF printer's state is reported (a missing Chromium is "Degraded", still
/// ready: every page but the PDF downloads works). <c>/health</c> is the same as <c>/health/live</c>.
/// </summary>
public static class Health
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddOpenItaHealth(this IServiceCollection services)
    {
        services.AddScoped<SchemaStatus>();
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag])
            .AddCheck<PdfPrinterHealthCheck>("pdf", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapOpenItaHealth(this IEndpointRouteBuilder app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health", live).AllowAnonymous();
        app.MapHealthChecks("/health/live", live).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = Name(report.Status),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = Name(e.Value.Status), detail = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();

    private sealed class DatabaseCheck(OpenItaDb db, SchemaStatus schema) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }
            var status = await schema.CheckAsync(cancellationToken);
            return status.IsCurrent ? HealthCheckResult.Healthy(status.Detail) : HealthCheckResult.Unhealthy(status.Detail);
        }
    }
}
