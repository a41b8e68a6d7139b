using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using OpenIta.Core.Methodology;
using OpenIta.Testing;

namespace OpenIta.Bench;

/// <summary>
/// (b) The same answers in PostgreSQL, one row per answer cell, and one SQL query that computes every agency's total
/// the way the engine does: item mean over respondents → question mean → indicator mean → instrument mean (EIT1 and
/// EIT2 from their own questions; OIT from the means of its sub-indicators) → the weighted sum of the instrument scores
/// rounded half-up to 2 decimals. Intermediate means carry 40 decimals (numeric), more than the engine's decimal.
/// Two variants of the query differ only in how they count the answers (<see cref="Queries"/>).
/// </summary>
internal static class PostgresMethod
{
    /// <summary>Server settings for a fair run of a large aggregation (memory for sorts and hashes, two workers).</summary>
    public static IReadOnlyList<(string Name, string Value)> Tuning { get; } =
    [
        ("wal_level", "minimal"),
        ("max_wal_senders", "0"),
        ("shared_buffers", "'4GB'"),
        ("work_mem", "'1GB'"),
        ("maintenance_work_mem", "'1GB'"),
        ("max_wal_size", "'8GB'"),
        ("max_parallel_workers_per_gather", "2"),
    ];

    /// <summary>Instrument codes in the tables: 1 IIT, 2 EIT1, 3 EIT2 (SyntheticData.SurveyInstruments order + 1), 4 OIT.</summary>
    public const short OitCode = 4;

    private const string Schema = """
        CREATE TABLE answers (agency int NOT NULL, instrument smallint NOT NULL, respondent int NOT NULL, item smallint NOT NULL, answer smallint NOT NULL);
        CREATE TABLE item_scores (instrument smallint NOT NULL, item smallint NOT NULL, answer smallint NOT NULL, score numeric NOT NULL, PRIMARY KEY (instrument, item, answer));
        CREATE TABLE item_map (instrument smallint NOT NULL, item smallint NOT NULL, question smallint NOT NULL, question_items smallint NOT NULL, indicator smallint NOT NULL, PRIMARY KEY (instrument, item));
        CREATE TABLE indicator_def (instrument smallint NOT NULL, indicator smallint NOT NULL, question_count smallint NOT NULL, PRIMARY KEY (instrument, indicator));
        CREATE TABLE instrument_def (instrument smallint PRIMARY KEY, indicator_count smallint NOT NULL, weight numeric NOT NULL);
        CREATE TABLE oit_scores (agency int NOT NULL, item smallint NOT NULL, score numeric NOT NULL);
        CREATE TABLE oit_map (item smallint PRIMARY KEY, sub text NOT NULL, sub_items smallint NOT NULL, indicator smallint NOT NULL, indicator_subs smallint NOT NULL);
        """;

    /// <summary>
    /// From item scores up, shared by both query variants: question → indicator → instrument → total. Completeness is
    /// checked at every level as the engine does (a level missing a part is not computed).
    /// </summary>
    private const string FromItemsUp = """
        ), questions AS (
            SELECT i.agency, i.instrument, m.indicator, m.question, avg(i.score) AS score
            FROM items i JOIN item_map m USING (instrument, item)
            GROUP BY i.agency, i.instrument, m.indicator, m.question
            HAVING count(*) = min(m.question_items)
        ), indicators AS (
            SELECT q.agency, q.instrument, q.indicator, avg(q.score) AS score
            FROM questions q JOIN indicator_def d USING (instrument, indicator)
            GROUP BY q.agency, q.instrument, q.indicator
            HAVING count(*) = min(d.question_count)
        ), subs AS (
            SELECT o.agency, m.indicator, m.sub, round(sum(o.score), 40) / count(*) AS score
            FROM oit_scores o JOIN oit_map m USING (item)
            GROUP BY o.agency, m.indicator, m.sub
            HAVING count(*) = min(m.sub_items)
        ), oit_indicators AS (
            SELECT s.agency, 4::smallint AS instrument, s.indicator, avg(s.score) AS score
            FROM subs s JOIN (SELECT DISTINCT indicator, indicator_subs FROM oit_map) d USING (indicator)
            GROUP BY s.agency, s.indicator
            HAVING count(*) = min(d.indicator_subs)
        ), instruments AS (
            SELECT i.agency, i.instrument, avg(i.score) AS score
            FROM (SELECT agency, instrument, score FROM indicators
                  UNION ALL
                  SELECT agency, instrument, score FROM oit_indicators) i
            JOIN instrument_def d USING (instrument)
            GROUP BY i.agency, i.instrument
            HAVING count(*) = min(d.indicator_count)
        )
        SELECT i.agency,
               CASE WHEN count(*) = (SELECT count(*) FROM instrument_def) THEN sum(d.weight * round(i.score, 2)) END AS total
        FROM instruments i JOIN instrument_def d USING (instrument)
        GROUP BY i.agency
        ORDER BY i.agency
        """;

    /// <summary>
    /// Variant 1, the idiomatic one: count the answers per (agency, instrument, item, answer) with GROUP BY, join the
    /// answer scores, item mean = Σ n·score / Σ n.
    /// </summary>
    public const string GroupByQuery = """
        WITH counts AS (
            SELECT agency, instrument, item, answer, count(*) AS n
            FROM answers
            WHERE answer > 0
            GROUP BY agency, instrument, item, answer
        ), items AS (
            SELECT c.agency, c.instrument, c.item, round(sum(c.n * s.score), 40) / sum(c.n) AS score
            FROM counts c JOIN item_scores s USING (instrument, item, answer)
            GROUP BY c.agency, c.instrument, c.item
        """ + "\n" + FromItemsUp;

    /// <summary>
    /// Variant 2, faster: one group per (agency, instrument, item) with one FILTERed count per answer of the longest
    /// scale (generated from the framework), then Σ n_k·score_k from the wide score table.
    /// </summary>
    public static string PivotQuery(int answers)
    {
        var counts = string.Join(", ", Enumerable.Range(1, answers).Select(k => string.Create(CultureInfo.InvariantCulture, $"count(*) FILTER (WHERE answer = {k}) AS n{k}")));
        var sum = string.Join(" + ", Enumerable.Range(1, answers).Select(k => string.Create(CultureInfo.InvariantCulture, $"coalesce(c.n{k} * s.s{k}, 0)")));
        return $$"""
            WITH counts AS (
                SELECT agency, instrument, item, count(*) FILTER (WHERE answer > 0) AS answered, {{counts}}
                FROM answers
                GROUP BY agency, instrument, item
            ), items AS (
                SELECT c.agency, c.instrument, c.item, round({{sum}}, 40) / c.answered AS score
                FROM counts c JOIN item_scores_wide s USING (instrument, item)
                WHERE c.answered > 0
            """ + "\n" + FromItemsUp;
    }

    /// <summary>
    /// Variant 3, the best layout found: one row per respondent (tables <c>survey_1</c> … <c>survey_3</c>), one
    /// <c>smallint</c> column per item holding the answer (NULL: not answered); per agency one pass over its rows with
    /// <c>count(rN)</c> and an integer sum of the answer scores in units of 10^-4 per column, then item = sum / count.
    /// Every level above the items is the same SQL as the other variants.
    /// </summary>
    public static string WideQuery(SyntheticData data)
    {
        var parts = new List<string>();
        for (var i = 0; i < SyntheticData.SurveyInstruments.Length; i++)
        {
            var columns = data.Columns[i];
            var aggregates = string.Join(", ", columns.Select((column, c) =>
            {
                var cases = string.Join(" ", Enumerable.Range(0, column.Scale!.Answers.Count).Select(a =>
                    string.Create(CultureInfo.InvariantCulture, $"WHEN {a + 1} THEN {(long)(column.ScoreOf(a) * 10_000)}")));
                return string.Create(CultureInfo.InvariantCulture, $"count(r{c + 1}) AS a{c + 1}, sum(CASE r{c + 1} {cases} END) AS s{c + 1}");
            }));
            var values = string.Join(", ", columns.Select((_, c) =>
                string.Create(CultureInfo.InvariantCulture, $"({c + 1}::smallint, w.a{c + 1}, w.s{c + 1})")));
            var n = (i + 1).ToString(CultureInfo.InvariantCulture);
            parts.Add($"SELECT w.agency, {n}::smallint AS instrument, x.item, round(x.s::numeric, 40) / (10000 * x.a) AS score\n"
                + $"FROM (SELECT agency, {aggregates} FROM survey_{n} GROUP BY agency) w\n"
                + $"CROSS JOIN LATERAL (VALUES {values}) AS x(item, a, s)\n"
                + "WHERE x.a > 0");
        }
        return "WITH items AS (\n" + string.Join("\nUNION ALL\n", parts) + "\n" + FromItemsUp;
    }

    /// <summary>The query variants timed for (b), by name.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Queries(SyntheticData data) =>
        [("GROUP BY answer", GroupByQuery), ("FILTER pivot", PivotQuery(MaxAnswers(data.Framework))), (WideName, WideQuery(data))];

    /// <summary>The name of variant 3 in the report.</summary>
    public const string WideName = "respondent rows, smallint per item, integer sums";

    /// <summary>The respondent-row tables of variant 3, one per survey instrument.</summary>
    private static void LoadWide(NpgsqlConnection connection, SyntheticData data)
    {
        for (var i = 0; i < SyntheticData.SurveyInstruments.Length; i++)
        {
            var width = data.Columns[i].Count;
            var names = Enumerable.Range(1, width).Select(c => string.Create(CultureInfo.InvariantCulture, $"r{c}")).ToList();
            Execute(connection, string.Create(CultureInfo.InvariantCulture,
                $"CREATE TABLE survey_{i + 1} (agency int NOT NULL, {string.Join(", ", names.Select(n => n + " smallint"))})"));
            using var writer = connection.BeginBinaryImport(string.Create(CultureInfo.InvariantCulture,
                $"COPY survey_{i + 1} (agency, {string.Join(", ", names)}) FROM STDIN (FORMAT BINARY, FREEZE)"));
            foreach (var agency in data.Agencies)
            {
                var cells = agency.Cells[i];
                for (var row = 0; row < cells.Length / width; row++)
                {
                    writer.StartRow();
                    writer.Write(agency.Id, NpgsqlDbType.Integer);
                    for (var c = 0; c < width; c++)
                    {
                        var cell = cells[(row * width) + c];
                        if (cell == 0)
                        {
                            writer.WriteNull();
                        }
                        else
                        {
                            writer.Write((short)cell, NpgsqlDbType.Smallint);
                        }
                    }
                }
            }
            writer.Complete();
        }
    }

    /// <summary>The wide answer-score table the pivot variant reads: s1..sN per item.</summary>
    public static string WideScoresTable(int answers) =>
        "CREATE TABLE item_scores_wide AS SELECT instrument, item, "
        + string.Join(", ", Enumerable.Range(1, answers).Select(k => string.Create(CultureInfo.InvariantCulture, $"max(score) FILTER (WHERE answer = {k}) AS s{k}")))
        + " FROM item_scores GROUP BY instrument, item";

    public static int MaxAnswers(Framework framework) =>
        framework.Questions.SelectMany(q => q.Items).Max(i => i.Scale!.Answers.Count);

    public static LoadReport Load(NpgsqlConnection connection, SyntheticData data)
    {
        var watch = Stopwatch.StartNew();
        var framework = data.Framework;
        long rows = 0;
        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, Schema);
            // Created in this transaction with wal_level = minimal: COPY skips the WAL; FREEZE sets hint bits now,
            // so the first query does not pay for them.
            using (var writer = connection.BeginBinaryImport("COPY answers (agency, instrument, respondent, item, answer) FROM STDIN (FORMAT BINARY, FREEZE)"))
            {
                foreach (var agency in data.Agencies)
                {
                    for (var i = 0; i < SyntheticData.SurveyInstruments.Length; i++)
                    {
                        var cells = agency.Cells[i];
                        var width = data.Columns[i].Count;
                        var instrument = (short)(i + 1);
                        for (var cell = 0; cell < cells.Length; cell++)
                        {
                            writer.StartRow();
                            writer.Write(agency.Id, NpgsqlDbType.Integer);
                            writer.Write(instrument, NpgsqlDbType.Smallint);
                            writer.Write((cell / width) + 1, NpgsqlDbType.Integer);
                            writer.Write((short)((cell % width) + 1), NpgsqlDbType.Smallint);
                            writer.Write((short)cells[cell], NpgsqlDbType.Smallint);
                        }
                        rows += cells.Length;
                    }
                }
                writer.Complete();
            }
            using (var writer = connection.BeginBinaryImport("COPY oit_scores (agency, item, score) FROM STDIN (FORMAT BINARY, FREEZE)"))
            {
                foreach (var agency in data.Agencies)
                {
                    for (var o = 0; o < agency.OitScores.Length; o++)
                    {
                        writer.StartRow();
                        writer.Write(agency.Id, NpgsqlDbType.Integer);
                        writer.Write((short)(o + 1), NpgsqlDbType.Smallint);
                        writer.Write((decimal)agency.OitScores[o], NpgsqlDbType.Numeric);
                    }
                }
                writer.Complete();
            }
            LoadMethodology(connection, framework, data);
            Execute(connection, WideScoresTable(MaxAnswers(framework)));
            LoadWide(connection, data);
            transaction.Commit();
        }
        var copied = watch.Elapsed.TotalSeconds;
        Execute(connection, "ANALYZE");
        var total = watch.Elapsed.TotalSeconds;
        using var size = new NpgsqlCommand("SELECT pg_total_relation_size('answers')", connection);
        var bytes = (long)size.ExecuteScalar()!;
        using var wide = new NpgsqlCommand("SELECT pg_total_relation_size('survey_1') + pg_total_relation_size('survey_2') + pg_total_relation_size('survey_3')", connection);
        var wideBytes = Convert.ToInt64(wide.ExecuteScalar()!, CultureInfo.InvariantCulture);
        return new LoadReport(rows, copied, total, bytes, wideBytes);
    }

    /// <summary>The small tables, all from the framework: the engine and the query share one source of truth.</summary>
    private static void LoadMethodology(NpgsqlConnection connection, Framework framework, SyntheticData data)
    {
        using (var writer = connection.BeginBinaryImport("COPY item_scores (instrument, item, answer, score) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < SyntheticData.SurveyInstruments.Length; i++)
            {
                var columns = data.Columns[i];
                for (var c = 0; c < columns.Count; c++)
                {
                    for (var a = 0; a < columns[c].Scale!.Answers.Count; a++)
                    {
                        writer.WriteRow((short)(i + 1), (short)(c + 1), (short)(a + 1), columns[c].ScoreOf(a)); // reverse applied
                    }
                }
            }
            writer.Complete();
        }
        using (var writer = connection.BeginBinaryImport("COPY item_map (instrument, item, question, question_items, indicator) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < SyntheticData.SurveyInstruments.Length; i++)
            {
                var item = 0;
                var questions = framework.Questions.Where(q => q.Instrument == SyntheticData.SurveyInstruments[i]).ToList();
                for (var q = 0; q < questions.Count; q++)
                {
                    var indicator = questions[q].Indicator
                        ?? throw new InvalidOperationException($"{questions[q].Code} has no indicator in the synthetic framework");
                    foreach (var _ in questions[q].Items)
                    {
                        item++;
                        writer.WriteRow((short)(i + 1), (short)item, (short)(q + 1), (short)questions[q].Items.Count, (short)indicator);
                    }
                }
            }
            writer.Complete();
        }
        using (var writer = connection.BeginBinaryImport("COPY indicator_def (instrument, indicator, question_count) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < SyntheticData.SurveyInstruments.Length; i++)
            {
                foreach (var indicator in framework.IndicatorsOf(SyntheticData.SurveyInstruments[i]))
                {
                    var count = indicator.QuestionCount ?? throw new InvalidOperationException($"indicator {indicator.Number} has no questionCount");
                    writer.WriteRow((short)(i + 1), (short)indicator.Number, (short)count);
                }
            }
            writer.Complete();
        }
        using (var writer = connection.BeginBinaryImport("COPY instrument_def (instrument, indicator_count, weight) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var definition in framework.Instruments)
            {
                var code = definition.Instrument == Instrument.Oit
                    ? OitCode
                    : (short)(Array.IndexOf(SyntheticData.SurveyInstruments, definition.Instrument) + 1);
                writer.WriteRow(code, (short)framework.IndicatorsOf(definition.Instrument).Count(), definition.Weight);
            }
            writer.Complete();
        }
        using (var writer = connection.BeginBinaryImport("COPY oit_map (item, sub, sub_items, indicator, indicator_subs) FROM STDIN (FORMAT BINARY)"))
        {
            var subs = framework.Indicators.SelectMany(i => i.SubIndicators).ToDictionary(s => s.Code, StringComparer.Ordinal);
            for (var o = 0; o < framework.OitItems.Count; o++)
            {
                var sub = subs[framework.OitItems[o].SubIndicator!];
                var itemCount = sub.ItemCount ?? throw new InvalidOperationException($"{sub.Code} has no itemCount");
                var indicatorSubs = framework.FindIndicator(sub.Indicator)!.SubIndicators.Count;
                writer.WriteRow((short)(o + 1), sub.Code, (short)itemCount, (short)sub.Indicator, (short)indicatorSubs);
            }
            writer.Complete();
        }
    }

    /// <summary>Runs the query with the given parallelism; returns the totals by agency id and the seconds it took (results read included).</summary>
    public static (Dictionary<int, decimal?> Totals, double Seconds) Query(NpgsqlConnection connection, string sql, int parallelWorkers)
    {
        SetParallelism(connection, parallelWorkers);
        var totals = new Dictionary<int, decimal?>();
        var watch = Stopwatch.StartNew();
        using (var command = new NpgsqlCommand(sql, connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                totals[reader.GetInt32(0)] = reader.IsDBNull(1) ? null : reader.GetDecimal(1);
            }
        }
        return (totals, watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The CPU seconds the connection's server process has used (user + system, from /proc; its parallel workers are
    /// other processes and not counted), or null where /proc cannot be read. Wall time on a shared machine counts the
    /// other processes' time slices; this does not.
    /// </summary>
    public static double? BackendCpuSeconds(NpgsqlConnection connection)
    {
        var pid = Scalar(connection, "SELECT pg_backend_pid()");
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return null;
        }
        // Fields after the command name in parentheses: state is field 3, utime 14 and stime 15 (clock ticks, 100 a second).
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static void SetParallelism(NpgsqlConnection connection, int parallelWorkers) =>
        Execute(connection, parallelWorkers switch
        {
            0 => "SET max_parallel_workers_per_gather = 0",
            _ => "SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0",
        });

    public static string Explain(NpgsqlConnection connection, string sql, int parallelWorkers)
    {
        SetParallelism(connection, parallelWorkers);
        using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, connection);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }

    public static string Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <param name="Rows">Rows in answers.</param>
/// <param name="CopySeconds">Creating the tables and the binary COPY of every row.</param>
/// <param name="TotalSeconds">The same plus ANALYZE.</param>
/// <param name="AnswersBytes">pg_total_relation_size('answers').</param>
/// <param name="WideBytes">The respondent-row tables of variant 3 together.</param>
internal sealed record LoadReport(long Rows, double CopySeconds, double TotalSeconds, long AnswersBytes, long WideBytes);
