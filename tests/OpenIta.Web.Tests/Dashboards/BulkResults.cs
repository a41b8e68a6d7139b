using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;

namespace OpenIta.Web.Tests.Dashboards;

/// <summary>
/// Many agencies and results at once, in raw SQL (a few statements, seconds for tens of thousands of rows on either
/// engine), for the tests of a group's cost: what ResultStore would store, minus the input (the views never read it).
/// </summary>
internal static class BulkResults
{
    public static readonly string[] Instruments = ["IIT", "EIT", "OIT"];

    /// <summary>
    /// Adds <paramref name="count"/> agencies below <paramref name="parentSlug"/> (slugs <c>{prefix}-0</c>…), each with a
    /// result in every one of <paramref name="years"/>: total 70.00 + (i mod 30), indicators 1–10 and the three
    /// instruments at the total.
    /// </summary>
    public static async Task AddAsync(OpenItaDb db, string parentSlug, string prefix, int count, IReadOnlyList<int> years)
    {
        var engine = DatabaseEngines.Of(db);
        var parent = await db.Agencies.AsNoTracking().SingleAsync(a => a.Slug == parentSlug);
        var series = engine == DatabaseEngine.Postgres
            ? $"WITH n(i) AS (SELECT generate_series(0, {count - 1}))"
            : $"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {count - 1})";
        string Sql(FormattableString sql) => sql.ToString(CultureInfo.InvariantCulture);
        var like = $"{prefix}-%";

        await db.Database.ExecuteSqlRawAsync(Sql($"""
            {series}
            INSERT INTO agencies ("Slug", "NameTh", "Kind", "ParentId", "Path", "IsSynthetic")
            SELECT '{prefix}-' || i, 'หน่วยงาน {prefix} ' || i, 'SubdistrictAdministration', {parent.Id}, '', FALSE FROM n
            """));
        await db.Database.ExecuteSqlRawAsync(Sql($"""
            UPDATE agencies SET "Path" = '{parent.Path}' || "Id" || '/' WHERE "ParentId" = {parent.Id} AND "Slug" LIKE '{like}'
            """));
        foreach (var year in years)
        {
            await db.Database.ExecuteSqlRawAsync(Sql($"""
                INSERT INTO results ("AgencyId", "FiscalYear", "InputJson", "TotalHundredths", "RatingCode", "Passed", "DiscrepancyCount", "UpdatedAtUnixMs")
                SELECT "Id", {year}, '[]', 7000 + ("Id" % 30) * 100, 'A', ("Id" % 30) >= 15, 0, 0
                FROM agencies WHERE "ParentId" = {parent.Id} AND "Slug" LIKE '{like}'
                """));
        }
        var codes = string.Join(" UNION ALL ", Enumerable.Range(1, 10).Select(n => $"SELECT 'Indicator' AS level, '{n}' AS code")
            .Concat(Instruments.Select(c => $"SELECT 'Instrument', '{c}'")));
        await db.Database.ExecuteSqlRawAsync(Sql($"""
            INSERT INTO result_scores ("ResultId", "Level", "Code", "Hundredths", "Exact", "Given")
            SELECT r."Id", c.level, c.code, r."TotalHundredths", '80', TRUE
            FROM results r JOIN agencies a ON a."Id" = r."AgencyId" CROSS JOIN ({codes}) c
            WHERE a."ParentId" = {parent.Id} AND a."Slug" LIKE '{like}'
            """));
    }
}
