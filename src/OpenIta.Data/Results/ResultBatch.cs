using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Scoring;

namespace OpenIta.Data.Results;

/// <summary>One scored result to save: whose, which year, the input as given and the engine's card for it.</summary>
public sealed record ScoredResult(int AgencyId, int FiscalYear, string InputJson, ScoreCard Card);

/// <summary>
/// Saves many results at once in a fixed number of statements, whatever their number (an import of every agency of
/// the country is a few commands, not one per row or per score): the rows travel as one JSON parameter, read by
/// <c>json_each</c> on SQLite and <c>jsonb_to_recordset</c> on PostgreSQL. The columns are those
/// <see cref="ResultStore.StageAsync(OpenItaDb, OpenIta.Data.Agencies.Agency, int, string, ScoreCard, string?, TimeProvider, CancellationToken)"/>
/// fills, from the same helpers (<see cref="ResultStore.Hundredths"/>, <see cref="ResultStore.ScoresOf"/>).
/// </summary>
public static class ResultBatch
{
    /// <summary>
    /// Adds or replaces every result (one per agency and year). Runs in the caller's transaction when there is one.
    /// Returns the (agency, year) pairs that had a result before, which this replaced.
    /// </summary>
    public static async Task<HashSet<(int AgencyId, int FiscalYear)>> SaveAsync(
        OpenItaDb db, IReadOnlyList<ScoredResult> results, string? user, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(clock);
        if (results.Count == 0)
        {
            return [];
        }
        var agencyIds = results.Select(r => r.AgencyId).Distinct().ToList();
        var years = results.Select(r => r.FiscalYear).Distinct().ToList();
        var existing = await db.Results.AsNoTracking()
            .Where(r => agencyIds.Contains(r.AgencyId) && years.Contains(r.FiscalYear))
            .Select(r => new { r.AgencyId, r.FiscalYear })
            .ToListAsync(cancellationToken);
        var replaced = existing.Select(e => (e.AgencyId, e.FiscalYear)).ToHashSet();

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = JsonSerializer.Serialize(results.Select(r => new ResultJson(
            r.AgencyId, r.FiscalYear, r.InputJson, ResultStore.Hundredths(r.Card.Total), ResultStore.Exact(r.Card.Total),
            r.Card.Rating?.Code, r.Card.Passed, r.Card.Discrepancies.Count, now, user)), BatchJsonContext.Default.IEnumerableResultJson);
        var scores = JsonSerializer.Serialize(results.SelectMany(r => ResultStore.ScoresOf(r.Card).Select(s => new ScoreJson(
            r.AgencyId, r.FiscalYear, s.Level.ToString(), s.Code, s.Hundredths, s.Exact, s.Given))), BatchJsonContext.Default.IEnumerableScoreJson);

        var postgres = DatabaseEngines.Of(db) == DatabaseEngine.Postgres;
        var resultRows = postgres
            ? """SELECT * FROM jsonb_to_recordset({0}::jsonb) AS x(a integer, y integer, i text, th integer, te text, rc text, pa boolean, dc integer, t bigint, u text)"""
            : """SELECT json_extract(value, '$.a') AS a, json_extract(value, '$.y') AS y, json_extract(value, '$.i') AS i, json_extract(value, '$.th') AS th, json_extract(value, '$.te') AS te, json_extract(value, '$.rc') AS rc, json_extract(value, '$.pa') AS pa, json_extract(value, '$.dc') AS dc, json_extract(value, '$.t') AS t, json_extract(value, '$.u') AS u FROM json_each({0})""";
        var scoreRows = postgres
            ? """SELECT * FROM jsonb_to_recordset({0}::jsonb) AS x(a integer, y integer, l text, c text, h integer, e text, g boolean)"""
            : """SELECT json_extract(value, '$.a') AS a, json_extract(value, '$.y') AS y, json_extract(value, '$.l') AS l, json_extract(value, '$.c') AS c, json_extract(value, '$.h') AS h, json_extract(value, '$.e') AS e, json_extract(value, '$.g') AS g FROM json_each({0})""";

        // "WHERE true" keeps SQLite from reading ON CONFLICT as the ON of a join. Below, CROSS JOIN makes SQLite loop over
        // the JSON rows and look each result up by its (agency, year) index, rather than scan the JSON for every result;
        // PostgreSQL plans it as any join.
        await db.Database.ExecuteSqlRawAsync(Over(resultRows, scoreRows, """
            INSERT INTO results ("AgencyId", "FiscalYear", "InputJson", "TotalHundredths", "TotalExact", "RatingCode", "Passed", "DiscrepancyCount", "UpdatedAtUnixMs", "UpdatedBy")
            SELECT j.a, j.y, j.i, j.th, j.te, j.rc, j.pa, j.dc, j.t, j.u FROM (<rows>) AS j WHERE true
            ON CONFLICT ("AgencyId", "FiscalYear") DO UPDATE SET
                "InputJson" = excluded."InputJson", "TotalHundredths" = excluded."TotalHundredths", "TotalExact" = excluded."TotalExact",
                "RatingCode" = excluded."RatingCode", "Passed" = excluded."Passed", "DiscrepancyCount" = excluded."DiscrepancyCount",
                "UpdatedAtUnixMs" = excluded."UpdatedAtUnixMs", "UpdatedBy" = excluded."UpdatedBy"
            """), [rows], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Over(resultRows, scoreRows, """
            DELETE FROM result_scores WHERE "ResultId" IN (
                SELECT r."Id" FROM (<rows>) AS j CROSS JOIN results r WHERE r."AgencyId" = j.a AND r."FiscalYear" = j.y)
            """), [rows], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Over(resultRows, scoreRows, """
            INSERT INTO result_scores ("ResultId", "Level", "Code", "Hundredths", "Exact", "Given")
            SELECT r."Id", s.l, s.c, s.h, s.e, s.g FROM (<scores>) AS s CROSS JOIN results r WHERE r."AgencyId" = s.a AND r."FiscalYear" = s.y
            """), [scores], cancellationToken);
        return replaced;
    }

    /// <summary>The statement with its row sources in place (fixed text of this class: no user data goes in here).</summary>
    private static string Over(string resultRows, string scoreRows, string sql) =>
        sql.Replace("<rows>", resultRows, StringComparison.Ordinal).Replace("<scores>", scoreRows, StringComparison.Ordinal);
}

internal sealed record ResultJson(
    [property: System.Text.Json.Serialization.JsonPropertyName("a")] int AgencyId,
    [property: System.Text.Json.Serialization.JsonPropertyName("y")] int FiscalYear,
    [property: System.Text.Json.Serialization.JsonPropertyName("i")] string InputJson,
    [property: System.Text.Json.Serialization.JsonPropertyName("th")] int? TotalHundredths,
    [property: System.Text.Json.Serialization.JsonPropertyName("te")] string? TotalExact,
    [property: System.Text.Json.Serialization.JsonPropertyName("rc")] string? RatingCode,
    [property: System.Text.Json.Serialization.JsonPropertyName("pa")] bool? Passed,
    [property: System.Text.Json.Serialization.JsonPropertyName("dc")] int DiscrepancyCount,
    [property: System.Text.Json.Serialization.JsonPropertyName("t")] long UpdatedAtUnixMs,
    [property: System.Text.Json.Serialization.JsonPropertyName("u")] string? UpdatedBy);

internal sealed record ScoreJson(
    [property: System.Text.Json.Serialization.JsonPropertyName("a")] int AgencyId,
    [property: System.Text.Json.Serialization.JsonPropertyName("y")] int FiscalYear,
    [property: System.Text.Json.Serialization.JsonPropertyName("l")] string Level,
    [property: System.Text.Json.Serialization.JsonPropertyName("c")] string Code,
    [property: System.Text.Json.Serialization.JsonPropertyName("h")] int Hundredths,
    [property: System.Text.Json.Serialization.JsonPropertyName("e")] string Exact,
    [property: System.Text.Json.Serialization.JsonPropertyName("g")] bool Given);

[System.Text.Json.Serialization.JsonSerializable(typeof(IEnumerable<ResultJson>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(IEnumerable<ScoreJson>))]
internal sealed partial class BatchJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
