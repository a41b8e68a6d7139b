using System.Globalization;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;

namespace OpenIta.Web.Features.Measures;

/// <summary>A problem in a plan: the field (measures[0].title, or a form field's name) and what is wrong, in Thai and English.</summary>
public sealed record PlanCheck(string Field, string Th, string En);

/// <summary>
/// The plan's rules as the pages use them (<see cref="MeasurePlanRules"/>). A draft may be incomplete while it is
/// written: a save is refused only for problems of what it changes (the measure edited, the findings); submitting
/// is refused while any problem is left, and the plan page lists them for the coordinator.
/// </summary>
public static class PlanChecks
{
    public static IReadOnlyList<PlanCheck> Validate(MeasurePlan plan, Framework? framework) =>
        MeasurePlanRules.Validate(plan, framework).Select(p => new PlanCheck(p.Field, p.Th, p.En)).ToList();

    /// <summary>The number (from 1) of the measure a field such as <c>measures[2].steps</c> is in, or null.</summary>
    public static int? MeasureNumber(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        const string prefix = "measures[";
        if (!field.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var end = field.IndexOf(']', StringComparison.Ordinal);
        return end > prefix.Length && int.TryParse(field.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index + 1
            : null;
    }

    /// <summary>The measure editor's field for a rule's field within a measure (title, steps[1].text, timeline.to …).</summary>
    public static string FormField(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.StartsWith("steps[", StringComparison.Ordinal))
        {
            var end = field.IndexOf(']', StringComparison.Ordinal);
            return "StepText" + field[5..(end + 1)];
        }
        return field switch
        {
            "title" => "Title",
            "kind" => "Kind",
            "weakness" => "Weakness",
            "monitoring" => "Monitoring",
            "reporting.how" => "ReportHow",
            "steps" => "StepText[0]",
            "timeline" or "timeline.quarters" => "Quarters",
            "timeline.from" => "DateFrom",
            "timeline.to" => "DateTo",
            _ when field.StartsWith("items", StringComparison.Ordinal) => "Items",
            _ when field.StartsWith("themes", StringComparison.Ordinal) => "Themes",
            _ when field.StartsWith("responsibleUnits", StringComparison.Ordinal) => "Units",
            _ when field.StartsWith("reporting", StringComparison.Ordinal) => "ReportTo",
            _ => field,
        };
    }
}
