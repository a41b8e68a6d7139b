using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// The PDF printer's state for readiness (tag "ready"): Degraded, not Unhealthy, when Chromium is missing or its last
/// prints failed — every page but the PDF downloads still works, so the instance stays in service. Starts nothing.
/// </summary>
public sealed class PdfPrinterHealthCheck(PdfPrinter printer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = printer.State;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["chromium"] = printer.Chromium,
            ["browserRunning"] = state.BrowserRunning,
            ["launches"] = state.Launches,
            ["failuresInARow"] = state.FailuresInARow,
        };
        if (!printer.Available)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Chromium is not installed at {printer.Chromium}: PDF downloads answer 503.", data: data));
        }
        if (state.FailuresInARow > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"The last {state.FailuresInARow} PDF print(s) failed ({state.LastFailure}); the next one relaunches Chromium.", data: data));
        }
        return Task.FromResult(HealthCheckResult.Healthy(state.BrowserRunning ? "Chromium is running." : "Chromium starts with the first PDF.", data));
    }
}
