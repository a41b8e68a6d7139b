using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Surveys;
using OpenIta.Core.Text;

namespace OpenIta.Data.Surveys;

/// <summary>
/// The questionnaire versions of each fiscal year: the built-in one (the year's framework file, where it lists every
/// question with its answers), the versions an administrator uploads, and the one a round opened with. A version is
/// never changed: an upload makes a new one (unless it says the same as the newest). Read versions are kept in memory by their
/// content (SHA-256), so taking a response parses nothing.
/// </summary>
public static class Questionnaires
{
    private static readonly ConditionalWeakTable<FrameworkCatalog, ConcurrentDictionary<string, Questionnaire>> Loaded = [];

    /// <summary>The most characters a questionnaire's YAML may have.</summary>
    public const int MaxDefinitionChars = 2_000_000;

    public static string Sha256Of(string definition) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definition)));

    /// <summary>Reads a definition over its year (cached by content); throws <see cref="FrameworkException"/> naming the field.</summary>
    public static Questionnaire Read(FrameworkCatalog catalog, int fiscalYear, string definition, string? sha256 = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(definition);
        var cache = Loaded.GetValue(catalog, _ => new ConcurrentDictionary<string, Questionnaire>(StringComparer.Ordinal));
        // Content-addressed: the text names its year, so equal texts are the same questionnaire.
        var key = sha256 ?? Sha256Of(definition);
        if (cache.TryGetValue(key, out var found))
        {
            return found;
        }
        var text = catalog.TextOf(new FiscalYear(fiscalYear))
            ?? throw new FrameworkException("questionnaire", [$"fiscalYear: no framework for FY{fiscalYear}"]);
        var questionnaire = Questionnaire.Parse(text, definition, $"questionnaire-fy{fiscalYear}.yaml");
        cache[key] = questionnaire;
        return questionnaire;
    }

    /// <summary>A stored version, read (cached).</summary>
    public static Questionnaire Read(FrameworkCatalog catalog, QuestionnaireVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Read(catalog, version.FiscalYear, version.Definition, version.Sha256);
    }

    /// <summary>The version with this id, read; the text is fetched only when it is not cached already.</summary>
    public static async Task<Questionnaire> LoadAsync(OpenItaDb db, FrameworkCatalog catalog, int id, string? sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        if (sha256 is not null)
        {
            var cache = Loaded.GetValue(catalog, _ => new ConcurrentDictionary<string, Questionnaire>(StringComparer.Ordinal));
            if (cache.TryGetValue(sha256, out var found))
            {
                return found;
            }
        }
        var version = await db.Questionnaires.AsNoTracking().SingleAsync(q => q.Id == id, cancellationToken);
        return Read(catalog, version);
    }

    /// <summary>The year's questionnaire as its framework file gives it, as YAML (a starting point to correct).</summary>
    public static string BuiltIn(FrameworkCatalog catalog, int fiscalYear)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var text = catalog.TextOf(new FiscalYear(fiscalYear))
            ?? throw new SurveyException("fiscalYear", Message.Of("survey.no-framework", "ระบบยังไม่มีเกณฑ์การประเมินของปีงบประมาณ พ.ศ. {year}",
                "no framework for FY{year}", ("year", fiscalYear)), 404);
        return FrameworkParser.ExportQuestionnaire(text, null);
    }

    /// <summary>
    /// What a download of a year gives: the version numbered <paramref name="version"/>, else the newest, else (no version
    /// yet) the year's framework file's with a null number. Null when the version asked for does not exist.
    /// </summary>
    public static async Task<(string Definition, int? Number)?> ForDownloadAsync(
        OpenItaDb db, FrameworkCatalog catalog, int fiscalYear, int? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.Questionnaires.AsNoTracking().Where(q => q.FiscalYear == fiscalYear && (version == null || q.Number == version))
            .OrderByDescending(q => q.Number).FirstOrDefaultAsync(cancellationToken);
        if (version is not null && stored is null)
        {
            return null;
        }
        return stored is null ? (BuiltIn(catalog, fiscalYear), null) : (stored.Definition, stored.Number);
    }

    /// <summary>The newest version of a year, or null.</summary>
    public static Task<QuestionnaireVersion?> NewestAsync(OpenItaDb db, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Questionnaires.AsNoTracking().Where(q => q.FiscalYear == fiscalYear)
            .OrderByDescending(q => q.Number).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The versions of a year, newest first, without their texts' bodies loaded into memory more than needed.</summary>
    public static Task<List<QuestionnaireVersion>> VersionsAsync(OpenItaDb db, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Questionnaires.AsNoTracking().Where(q => q.FiscalYear == fiscalYear)
            .OrderByDescending(q => q.Number).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a version of a year after checking it (a <see cref="FrameworkException"/> names the field). The same
    /// questionnaire as the newest version makes no new version and returns the newest: the same text, or a text that says
    /// the same (<see cref="FrameworkParser.CanonicalQuestionnaire"/>: comments and layout apart, as when a version's
    /// workbook is uploaded unchanged). Calls SaveChanges.
    /// </summary>
    public static async Task<QuestionnaireVersion> AddAsync(
        OpenItaDb db, FrameworkCatalog catalog, int fiscalYear, string definition, string? note, string? user, TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(clock);
        if (definition.Length > MaxDefinitionChars)
        {
            throw new FrameworkException("questionnaire", [$"the file has more than {MaxDefinitionChars} characters"]);
        }
        var sha = Sha256Of(definition);
        Read(catalog, fiscalYear, definition, sha);
        var newest = await NewestAsync(db, fiscalYear, cancellationToken);
        if (newest is not null && (newest.Sha256 == sha
            || FrameworkParser.CanonicalQuestionnaire(newest.Definition) == FrameworkParser.CanonicalQuestionnaire(definition)))
        {
            return newest;
        }
        var version = new QuestionnaireVersion
        {
            FiscalYear = fiscalYear,
            Number = (newest?.Number ?? 0) + 1,
            Definition = definition,
            Sha256 = sha,
            Note = note is null ? null : UserText.Printable(note.Trim()),
            CreatedAtUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            CreatedBy = user,
        };
        db.Questionnaires.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }

    /// <summary>
    /// The version a round opens with: the newest of the year; when there is none, version 1 from the year's framework
    /// file, if it lists every question with its answers. Null (with why) when the year has no usable questionnaire.
    /// </summary>
    public static async Task<(QuestionnaireVersion? Version, string? WhyNot)> ForOpeningAsync(
        OpenItaDb db, FrameworkCatalog catalog, int fiscalYear, string? user, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var newest = await NewestAsync(db, fiscalYear, cancellationToken);
        if (newest is not null)
        {
            return (newest, null);
        }
        try
        {
            var builtIn = BuiltIn(catalog, fiscalYear);
            return (await AddAsync(db, catalog, fiscalYear, builtIn, "framework file", user, clock, cancellationToken), null);
        }
        catch (FrameworkException e)
        {
            return (null, string.Join("; ", e.Errors.Take(5)));
        }
    }
}
