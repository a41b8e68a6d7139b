using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;

namespace OpenIta.Data.Oit;

/// <summary>
/// How the assessors' item scores reach the agency's result of the year: through the engine, as the input's
/// <c>oitItems</c> (indicators 9–10 and the OIT from items and sub-indicators). Only once every item of the year is
/// scored — a partly scored OIT would be a guess — and then the OIT part of the input is the items alone: given OIT
/// sub-indicators, indicators 9–10, the OIT instrument score and a given total (which the new OIT would contradict) are
/// taken out; everything else of the input (IIT, EIT, participation, published figures) stays as it was. An agency
/// without a result of the year gets one holding its OIT only.
/// </summary>
public static class OitResults
{
    /// <summary>Stages the result with the items' scores when <paramref name="changed"/> completes the year (no SaveChanges).</summary>
    public static async Task ApplyAsync(OpenItaDb db, Agency agency, int fiscalYear, Framework framework, OitItemRow changed, string? user,
        TimeProvider clock, FrameworkCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(changed);
        var scores = await db.OitItems.AsNoTracking().Where(i => i.AgencyId == agency.Id && i.FiscalYear == fiscalYear && i.Score != null)
            .Select(i => new { i.Code, i.Score }).ToDictionaryAsync(i => i.Code, i => i.Score!.Value, StringComparer.OrdinalIgnoreCase, cancellationToken);
        scores[changed.Code] = changed.Score!.Value;
        if (framework.OitItems.Any(d => !scores.ContainsKey(d.Code)))
        {
            return;
        }
        var existing = await db.Results.AsNoTracking().Where(r => r.AgencyId == agency.Id && r.FiscalYear == fiscalYear)
            .Select(r => r.InputJson).SingleOrDefaultAsync(cancellationToken);
        var json = WithItems(existing, fiscalYear, framework, scores);
        ScoreInput input;
        ScoreCard card;
        try
        {
            (input, card, _) = ResultStore.Score(json, catalog);
        }
        catch (ScoreInputException e)
        {
            throw OitException.Conflict("result",
                $"ผลคะแนนของปีนี้รับคะแนน OIT รายข้อไม่ได้: {e.Reason.Thai} ({e.Field})",
                $"The year's result cannot take the OIT item scores: {e.Reason.English} ({e.Field})");
        }
        await ResultStore.StageAsync(db, agency, input.Year.BuddhistEra, json, card, user, clock, cancellationToken);
    }

    /// <summary>The result's input with its OIT part replaced by the item scores (a new input when there is none).</summary>
    public static string WithItems(string? inputJson, int fiscalYear, Framework framework, IReadOnlyDictionary<string, int> scores)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(scores);
        var root = inputJson is null ? new JsonObject { ["fiscalYear"] = fiscalYear } : JsonNode.Parse(inputJson)!.AsObject();
        var oitIndicators = framework.Indicators.Where(i => i.Instrument == Instrument.Oit).ToList();
        if (root["indicators"] is JsonObject indicators)
        {
            foreach (var indicator in oitIndicators)
            {
                indicators.Remove(indicator.Number.ToString(CultureInfo.InvariantCulture));
            }
        }
        if (root["instruments"] is JsonObject instruments)
        {
            foreach (var key in instruments.Select(p => p.Key).Where(k => string.Equals(k, "OIT", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                instruments.Remove(key);
            }
        }
        root.Remove("subIndicators");
        root.Remove("total");
        root.Remove("oitItems");
        var items = new JsonObject();
        foreach (var definition in framework.OitItems)
        {
            items[definition.Code] = scores[definition.Code];
        }
        root["oitItems"] = items;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
