using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Plans;

namespace OpenIta.Web.Features.Plans;

public static class PlanServices
{
    /// <summary>The plan store (<c>Plans:EvidenceMaxBytes</c>), units, the to-do list and the e-mail reminders.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(PlanStoreOptions.Section).Get<PlanStoreOptions>() ?? new PlanStoreOptions();
        services.AddScoped(sp => new PlanStore(sp.GetRequiredService<OpenItaDb>(), sp.GetRequiredService<TimeProvider>(), options));
        services.AddScoped<UnitStore>();
        services.AddScoped<ToDoList>();
        services.AddScoped<PlanReminders>();
        services.AddHostedService<PlanReminderService>();
        return services;
    }
}
