using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIta.Data.Oit;

namespace OpenIta.Web.Features.Oit;

/// <summary>The OIT feature's services: the store, the years' clarification windows from the configuration, and the link
/// checks (none until the link checker registers its own <see cref="IOitUrlChecks"/>).</summary>
public static class OitSetup
{
    public static IServiceCollection AddOit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddScoped<OitStore>();
        services.TryAddScoped<IOitUrlChecks, NoOitUrlChecks>();
        services.AddSingleton(Windows(configuration));
        return services;
    }

    /// <summary><c>Oit:Clarification:{year}:Opens</c> and <c>:Closes</c> (ISO dates); a year with a bad or missing date has
    /// no configured window (start-up says which).</summary>
    public static OitWindowDefaults Windows(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new OitWindowDefaults();
        foreach (var year in configuration.GetSection("Oit:Clarification").GetChildren())
        {
            if (!int.TryParse(year.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var be))
            {
                throw new InvalidOperationException($"Oit:Clarification:{year.Key}: the key must be a fiscal year (BE) such as 2566.");
            }
            defaults.Years[be] = new OitWindow(Day(year, "Opens"), Day(year, "Closes"));
        }
        return defaults;
    }

    private static DateOnly Day(IConfigurationSection year, string name) =>
        DateOnly.TryParseExact(year[name], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidOperationException($"Oit:Clarification:{year.Key}:{name}: '{year[name]}' is not a date (yyyy-MM-dd).");
}
