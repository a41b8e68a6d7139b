namespace OpenIta.Core.Measures;

/// <summary>How a measure differs between two revisions.</summary>
public enum MeasureChange
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// <summary>The fields of a measure that a comparison names when they differ.</summary>
public enum MeasureField
{
    Title,
    Kind,
    Items,
    Themes,
    Weakness,
    Steps,
    Timeline,
    ResponsibleUnits,
    Monitoring,
    Reporting,
}

/// <summary>One measure in the comparison: as it was (null when added) and as it is (null when removed), and what changed.</summary>
public sealed record MeasureComparison(MeasureChange Change, Measure? Before, Measure? After, IReadOnlySet<MeasureField> Fields);

/// <summary>Two revisions side by side: the opening's changes and every measure of either, matched by stable id.</summary>
public sealed record PlanComparisonResult(
    bool LayoutChanged,
    bool IntroductionChanged,
    IReadOnlyList<int> FindingsChanged,
    IReadOnlyList<MeasureComparison> Measures)
{
    public int Count(MeasureChange change) => Measures.Count(m => m.Change == change);
}

/// <summary>
/// Compares two revisions of a plan measure by measure (issue 10): measures keep their id through edits, moves,
/// revisions and redrafts, so a measure is the same measure when its id is; one only in the newer revision is added,
/// one only in the older is removed. The order is the newer revision's, each removed measure after the measure that
/// preceded it in the older one. Pure.
/// </summary>
public static class PlanComparison
{
    public static PlanComparisonResult Compare(MeasurePlan before, MeasurePlan after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Measures.Where(m => m.Id is not null).GroupBy(m => m.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var newIds = after.Measures.Where(m => m.Id is not null).Select(m => m.Id!).ToHashSet(StringComparer.Ordinal);
        var result = new List<MeasureComparison>();
        // Removed measures that come before every kept measure of the older revision lead the list.
        var removedAfter = new Dictionary<string, List<Measure>>(StringComparer.Ordinal);
        var leading = new List<Measure>();
        string? previousKept = null;
        foreach (var measure in before.Measures)
        {
            if (measure.Id is { } id && newIds.Contains(id))
            {
                previousKept = id;
                continue;
            }
            if (previousKept is null)
            {
                leading.Add(measure);
            }
            else
            {
                (removedAfter.TryGetValue(previousKept, out var list) ? list : removedAfter[previousKept] = []).Add(measure);
            }
        }
        result.AddRange(leading.Select(Removed));
        foreach (var measure in after.Measures)
        {
            if (measure.Id is { } id && old.TryGetValue(id, out var was))
            {
                var fields = Fields(was, measure);
                result.Add(new MeasureComparison(fields.Count == 0 ? MeasureChange.Unchanged : MeasureChange.Changed, was, measure, fields));
                if (removedAfter.TryGetValue(id, out var removed))
                {
                    result.AddRange(removed.Select(Removed));
                }
            }
            else
            {
                result.Add(new MeasureComparison(MeasureChange.Added, null, measure, new HashSet<MeasureField>()));
            }
        }
        var findings = before.Findings.Select(f => f.Theme).Concat(after.Findings.Select(f => f.Theme)).Distinct().Order()
            .Where(theme => !string.Equals(before.Findings.FirstOrDefault(f => f.Theme == theme)?.Text,
                after.Findings.FirstOrDefault(f => f.Theme == theme)?.Text, StringComparison.Ordinal))
            .ToList();
        return new PlanComparisonResult(before.Layout != after.Layout,
            !string.Equals(before.Introduction ?? "", after.Introduction ?? "", StringComparison.Ordinal), findings, result);
    }

    private static MeasureComparison Removed(Measure measure) =>
        new(MeasureChange.Removed, measure, null, new HashSet<MeasureField>());

    /// <summary>The fields that differ; a measure only moved (its number alone changed) is not counted as changed.</summary>
    private static HashSet<MeasureField> Fields(Measure a, Measure b)
    {
        var fields = new HashSet<MeasureField>();
        void Check(MeasureField field, bool same)
        {
            if (!same)
            {
                fields.Add(field);
            }
        }
        Check(MeasureField.Title, a.Title == b.Title);
        Check(MeasureField.Kind, a.Kind == b.Kind);
        Check(MeasureField.Items, a.Items.SequenceEqual(b.Items, StringComparer.OrdinalIgnoreCase));
        Check(MeasureField.Themes, a.Themes.SequenceEqual(b.Themes));
        Check(MeasureField.Weakness, a.Weakness == b.Weakness);
        Check(MeasureField.Steps, a.Steps.Count == b.Steps.Count && a.Steps.Zip(b.Steps).All(p =>
            p.First.Text == p.Second.Text && p.First.Owners.SequenceEqual(p.Second.Owners)));
        Check(MeasureField.Timeline, a.Timeline.Quarters.SequenceEqual(b.Timeline.Quarters) && a.Timeline.From == b.Timeline.From
            && a.Timeline.To == b.Timeline.To);
        Check(MeasureField.ResponsibleUnits, a.ResponsibleUnits.SequenceEqual(b.ResponsibleUnits));
        Check(MeasureField.Monitoring, a.Monitoring == b.Monitoring);
        Check(MeasureField.Reporting, a.Reporting == b.Reporting);
        return fields;
    }
}
