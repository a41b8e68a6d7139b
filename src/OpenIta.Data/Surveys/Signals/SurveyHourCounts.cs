using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpenIta.Core.Methodology;
using OpenIta.Core.Surveys.Signals;

namespace OpenIta.Data.Surveys.Signals;

/// <summary>
/// How many responses a round's instrument took in one hour (UTC hours): what the burst signal reads
/// (<see cref="SurveySignals.Bursts"/>). Counted beside the round, never beside a response: a response keeps its day only,
/// and nothing joins a response to an hour.
/// </summary>
public sealed class SurveyHourCount
{
    public int RoundId { get; set; }
    public Instrument Instrument { get; set; }

    /// <summary>The start of the hour, Unix milliseconds (a multiple of 3,600,000).</summary>
    public long HourStartUnixMs { get; set; }

    public int Count { get; set; }
}

/// <summary>The hourly counters of responses: one atomic upsert per response on both engines, read back for the signals.</summary>
public static class SurveyHourCounts
{
    private const long HourMs = 3_600_000;

    /// <summary>The hit's statement (parameters: <see cref="AddHitParameters"/>).</summary>
    private static readonly string HitSql = HitSqlWhere(null);

    /// <summary>
    /// The hit's statement, counted only when <paramref name="condition"/> (SQL) holds, if one is given: sent in the survey
    /// response's one batch (<see cref="SurveyResponses.SubmitAsync"/>).
    /// </summary>
    internal static string HitSqlWhere(string? condition) =>
        "INSERT INTO survey_hour_counts (\"RoundId\", \"Instrument\", \"HourStartUnixMs\", \"Count\")\n" +
        (condition is null ? "VALUES (@round, @instrument, @hour, 1)\n" : $"SELECT @round, @instrument, @hour, 1 WHERE {condition}\n") +
        "ON CONFLICT (\"RoundId\", \"Instrument\", \"HourStartUnixMs\") DO UPDATE SET \"Count\" = survey_hour_counts.\"Count\" + 1";

    /// <summary>EF configuration, called by one line of <see cref="OpenItaDb"/>.</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<SurveyHourCount>(count =>
        {
            count.ToTable("survey_hour_counts");
            count.HasKey(c => new { c.RoundId, c.Instrument, c.HourStartUnixMs });
            count.Property(c => c.Instrument).HasConversion(i => i.Code(), s => Parse(s)).HasMaxLength(10);
            count.HasOne<AssessmentRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static Instrument Parse(string code) =>
        InstrumentCodes.TryParse(code, out var instrument) ? instrument : throw new InvalidOperationException($"Unknown instrument code '{code}' in the database.");

    /// <summary>The hour <paramref name="now"/> falls in.</summary>
    public static long HourOf(DateTimeOffset now) => now.ToUnixTimeMilliseconds() / HourMs * HourMs;

    /// <summary>Counts one response of <paramref name="instrument"/> in the round's current hour.</summary>
    public static async Task HitAsync(OpenItaDb db, int roundId, Instrument instrument, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = HitSql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            AddHitParameters(command, roundId, instrument, now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The round's hours with responses to <paramref name="instrument"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<HourCount>> ReadAsync(OpenItaDb db, int roundId, Instrument instrument, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.SurveyHourCounts.AsNoTracking()
            .Where(c => c.RoundId == roundId && c.Instrument == instrument)
            .OrderBy(c => c.HourStartUnixMs)
            .Select(c => new { c.HourStartUnixMs, c.Count })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new HourCount(DateTimeOffset.FromUnixTimeMilliseconds(r.HourStartUnixMs), r.Count))];
    }

    /// <summary>The parameters of <see cref="HitSql"/> (<c>@round</c>, <c>@instrument</c>, <c>@hour</c>).</summary>
    internal static void AddHitParameters(DbCommand command, int roundId, Instrument instrument, DateTimeOffset now)
    {
        Add(command, "round", roundId);
        Add(command, "instrument", instrument.Code());
        Add(command, "hour", HourOf(now));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
