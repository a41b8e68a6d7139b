using Npgsql;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Bench.Tests;

/// <summary>
/// The benchmark's SQL query is an independent implementation of the scoring rules (item → question → indicator →
/// instrument → weighted total) in a real PostgreSQL 15. On a small synthetic year, it must give exactly the engine's
/// total for every agency. Not a timed test: the timings live in docs/benchmarks.md.
/// </summary>
public sealed class EngineAgainstSqlTests
{
    [Fact]
    public void The_engine_and_one_sql_query_give_the_same_total_for_every_agency()
    {
        Assert.True(PostgresServer.Unavailable() is null, PostgresServer.Unavailable()); // ./test.sh installs postgresql-15
        var framework = FrameworkParser.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "synthetic-fy2567.yaml")), "synthetic-fy2567.yaml");
        var data = SyntheticData.Generate(framework, scale: 0.01, seed: 7);
        var plan = ScoringPlan.For(framework);
        var engine = Methods.ScoreAllWithEngine(plan, Methods.Inputs(plan, data.Agencies), parallel: false);
        Assert.All(engine, total => Assert.NotNull(total));

        using var server = PostgresServer.Start();
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        PostgresMethod.Load(connection, data);
        Assert.Contains(PostgresMethod.Queries(data), q => q.Name == PostgresMethod.WideName);
        foreach (var (name, sql) in PostgresMethod.Queries(data))
        {
            var (totals, _) = PostgresMethod.Query(connection, sql, parallelWorkers: 0);
            Assert.Equal(data.Agencies.Length, totals.Count);
            for (var a = 0; a < data.Agencies.Length; a++)
            {
                Assert.True(totals[data.Agencies[a].Id] == engine[a],
                    $"{name}: agency {data.Agencies[a].Id}: SQL {totals[data.Agencies[a].Id]}, engine {engine[a]}");
            }
        }
    }
}
