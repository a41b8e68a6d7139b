using System.Reflection;

namespace OpenIta.Core.Methodology;

/// <summary>
/// The frameworks of every known fiscal year. The files of <c>frameworks/</c> are built into this assembly; a
/// deployment may load its own corrected copies instead (<see cref="FromFiles"/>).
/// </summary>
public sealed class FrameworkCatalog
{
    private const string ResourcePrefix = "OpenIta.Frameworks.";

    private static readonly Lazy<FrameworkCatalog> BuiltInCatalog = new(LoadBuiltIn);

    private readonly SortedDictionary<FiscalYear, Framework> _years;
    private readonly Dictionary<FiscalYear, string> _texts;

    private FrameworkCatalog(SortedDictionary<FiscalYear, Framework> years, Dictionary<FiscalYear, string> texts)
    {
        _years = years;
        _texts = texts;
    }

    /// <summary>The YAML a year was read from (a questionnaire is read over it: <see cref="FrameworkParser.ParseWithQuestionnaire"/>).</summary>
    public string? TextOf(FiscalYear year) => _texts.GetValueOrDefault(year);

    /// <summary>The frameworks shipped in <c>frameworks/</c>.</summary>
    public static FrameworkCatalog BuiltIn => BuiltInCatalog.Value;

    public IReadOnlyCollection<Framework> All => _years.Values;

    public Framework? Find(FiscalYear year) => _years.GetValueOrDefault(year);

    public Framework Get(FiscalYear year) =>
        Find(year) ?? throw new KeyNotFoundException($"No framework for FY{year}; known years: {string.Join(", ", _years.Keys)}.");

    /// <summary>Parses framework files given as (file name, text); every file's errors are reported together.</summary>
    public static FrameworkCatalog FromFiles(IEnumerable<(string FileName, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var years = new SortedDictionary<FiscalYear, Framework>();
        var texts = new Dictionary<FiscalYear, string>();
        var errors = new List<string>();
        foreach (var (fileName, text) in files)
        {
            try
            {
                var framework = FrameworkParser.Parse(text, fileName);
                if (years.TryAdd(framework.Year, framework))
                {
                    texts[framework.Year] = text;
                }
                else
                {
                    errors.Add($"{fileName}: fiscalYear: FY{framework.Year} is defined by two files");
                }
            }
            catch (FrameworkException e)
            {
                errors.AddRange(e.Errors.Select(x => $"{fileName}: {x}"));
            }
        }
        if (errors.Count > 0)
        {
            throw new FrameworkException("frameworks", errors.Select(e => e).ToList());
        }
        return new FrameworkCatalog(years, texts);
    }

    private static FrameworkCatalog LoadBuiltIn()
    {
        var assembly = typeof(FrameworkCatalog).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], Read(assembly, n)));
        return FromFiles(files);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
