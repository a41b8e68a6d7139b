namespace OpenIta.Web.Features.Plans;

public static class PlanServices
{
    /// <summary>The pages' to-do list and the e-mail reminders (the store is registered beside the other stores).</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddScoped<ToDoList>();
        services.AddScoped<PlanReminders>();
        services.AddHostedService<PlanReminderService>();
        return services;
    }
}
