using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Analysis;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Agencies;

/// <summary>
/// The agency's analysis settings (issue 4, item 1): its own target for the total (seed 001: 95.00) and the tier
/// thresholds (strength above 92, urgent below 85 by default). Read by the result page, the documents, the measures
/// pages (drafting answers the urgent items) and the CLI. Changed by the agency's coordinator or an administrator;
/// an empty field means the default.
/// </summary>
public sealed class SettingsModel(OpenItaDb db, AgencyLookup lookup, Lang lang) : PageModel
{
    public sealed record Field(string Name, string Th, string En, string Value, string Hint, string? Error);

    public Agency Agency { get; private set; } = null!;
    public bool Denied { get; private set; }
    public bool Saved { get; private set; }
    public List<Field> Fields { get; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        Saved = Request.Query.ContainsKey("saved");
        Describe(Text(Agency.AnalysisTarget), Text(Agency.StrengthAbove), Text(Agency.UrgentBelow), new Dictionary<string, string>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string? target, string? strengthAbove, string? urgentBelow,
        CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var targetValue = Parse(nameof(target), target, errors);
        var strengthValue = Parse(nameof(strengthAbove), strengthAbove, errors);
        var urgentValue = Parse(nameof(urgentBelow), urgentBelow, errors);
        if (errors.Count == 0
            && (urgentValue ?? AnalysisSettings.Default.UrgentBelow) > (strengthValue ?? AnalysisSettings.Default.StrengthAbove))
        {
            errors[nameof(urgentBelow)] = lang.T("เกณฑ์เร่งด่วนต้องไม่สูงกว่าเกณฑ์จุดแข็ง", "The urgent threshold cannot be above the strength threshold.");
        }
        if (errors.Count > 0)
        {
            Describe(target ?? "", strengthAbove ?? "", urgentBelow ?? "", errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var agency = await db.Agencies.SingleAsync(a => a.Id == Agency.Id, cancellationToken);
        agency.AnalysisTarget = targetValue;
        agency.StrengthAbove = strengthValue;
        agency.UrgentBelow = urgentValue;
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/agencies/{Agency.Slug}/settings?saved=1");
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Agency = found.Agency;
        if (!found.Permissions.CanEditResults(Agency))
        {
            Denied = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        return null;
    }

    private void Describe(string target, string strength, string urgent, IReadOnlyDictionary<string, string> errors)
    {
        string Default(decimal value) => lang.T("ค่าเริ่มต้น ", "default ") + Text(value);
        Fields.Add(new("target", "เป้าหมายคะแนนรวมของหน่วยงาน", "The agency's target for the total", target,
            lang.T("ว่าง = เกณฑ์ผ่าน 85 คะแนน", "empty = the pass mark, 85"), errors.GetValueOrDefault("target")));
        Fields.Add(new("strengthAbove", "จุดแข็ง: คะแนนสูงกว่า", "Strength: a score above", strength,
            Default(AnalysisSettings.Default.StrengthAbove), errors.GetValueOrDefault("strengthAbove")));
        Fields.Add(new("urgentBelow", "ต้องแก้ไขเร่งด่วน: คะแนนต่ำกว่า", "Urgent: a score below", urgent,
            Default(AnalysisSettings.Default.UrgentBelow), errors.GetValueOrDefault("urgentBelow")));
    }

    /// <summary>A score from 0 to 100 with at most two decimals; empty is null (the default).</summary>
    private decimal? Parse(string field, string? text, Dictionary<string, string> errors)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && Score.IsValid(value) && decimal.Round(value, 2) == value)
        {
            return value;
        }
        errors[field] = lang.T($"\"{trimmed}\" ไม่ใช่คะแนน 0 ถึง 100 (ทศนิยมไม่เกิน 2 ตำแหน่ง)", $"\"{trimmed}\" is not a score from 0 to 100 (at most two decimals).");
        return null;
    }

    private static string Text(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}
