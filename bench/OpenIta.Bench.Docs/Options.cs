using System.Globalization;

namespace OpenIta.Bench.Docs;

internal sealed record Options(int Agencies, int Parallel, int Runs, int PairAgencies, int Seed, string? Out, bool Keep, bool OpenItaOnly = false, int Warmup = 30)
{
    public const string Usage = """
        openita-bench-docs [--agencies N] [--parallel P] [--runs R] [--pair K] [--seed S] [--out FILE] [--keep] [--warmup W] [--openita-only]
          --agencies N   real-size agencies in the national batch (default 8325; 0 skips it)
          --parallel P   documents rendered at a time (the batch and the "at once" method; default 2)
          --runs R       paired rounds of the four methods (default 5)
          --pair K       real-size agencies per paired round (default 10)
          --warmup W     real-size agencies OpenITA prints before it is measured (default 30)
          --openita-only only OpenITA's CPU per real-size agency, R rounds of K agencies (no LibreOffice, no batch):
                         for trying a change to the printing quickly, or profiling it with perf
        """;

    public static Options? Parse(string[] args)
    {
        var options = new Options(SyntheticNation.AgencyCount, 2, 5, 10, 2565, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            int Count() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            try
            {
                options = args[i] switch
                {
                    "--agencies" => options with { Agencies = Count() },
                    "--parallel" => options with { Parallel = Math.Max(1, Count()) },
                    "--runs" => options with { Runs = Math.Max(1, Count()) },
                    "--pair" => options with { PairAgencies = Math.Max(1, Count()) },
                    "--seed" => options with { Seed = Count() },
                    "--out" => options with { Out = Next() },
                    "--keep" => options with { Keep = true },
                    "--warmup" => options with { Warmup = Count() },
                    "--openita-only" => options with { OpenItaOnly = true },
                    _ => throw new FormatException($"unknown option {args[i]}"),
                };
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"openita-bench-docs: {e.Message}\n{Usage}");
                return null;
            }
        }
        return options;
    }
}
