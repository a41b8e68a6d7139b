using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data.Agencies;
using OpenIta.Data.Surveys;
using OpenIta.Reports.Thai;

namespace OpenIta.Data.Demo;

/// <summary>
/// The demo's assessment round (issue 12): สลน. (spm) in FY2564 — the year whose IIT texts, sub-items and answer scales
/// are public — on the demo questionnaire (<c>Demo/Seeds/questionnaire-fy2564-demo.yaml</c>; its note, shown on the
/// pages, says that the EIT answer scales are a demo assumption). Registered and open, with a few synthetic responses
/// (a fixed pseudo-random sequence, so every demo database holds the same), so that the coordinator's counts and preview
/// show something before anyone answers. FY2564 has no published minimum-sample rule: the minimums show as unknown.
/// </summary>
public static class DemoSurveys
{
    public const int FiscalYear = 2564;
    public const int InternalStakeholders = 150;
    public const int ExternalStakeholders = 200;
    public const int SyntheticIit = 12;
    public const int SyntheticEit = 8;

    public const string Note = "ตัวอย่างสาธิต (demo): ข้อคำถามของปีงบประมาณ พ.ศ. 2564 ที่เปิดเผย มาตรวัดคำตอบของ EIT เป็นสมมติฐานเพื่อการสาธิตเท่านั้น";

    public static string QuestionnaireYaml() => DemoData.Resource("questionnaire-fy2564-demo.yaml");

    /// <summary>Adds the demo round for <paramref name="agency"/> (saves).</summary>
    public static async Task AddAsync(OpenItaDb db, Agency agency, TimeProvider clock, FrameworkCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(clock);
        var actor = new Actor(null, DemoData.SavedBy);
        await Questionnaires.AddAsync(db, catalog, FiscalYear, QuestionnaireYaml(), Note, DemoData.SavedBy, clock, cancellationToken);
        await SurveyRounds.RegisterAsync(db, catalog, agency, FiscalYear, InternalStakeholders, ExternalStakeholders, null, null, null, actor, clock, cancellationToken);
        var round = await SurveyRounds.OpenAsync(db, catalog, agency, FiscalYear, null, actor, clock, cancellationToken);
        var questionnaire = await Questionnaires.LoadAsync(db, catalog, round.QuestionnaireId!.Value, null, cancellationToken);
        var random = new Random(FiscalYear);
        var day = ThaiTime.Today(clock);
        foreach (var (instrument, count) in new[] { (Instrument.Iit, SyntheticIit), (Instrument.Eit, SyntheticEit) })
        {
            var columns = questionnaire.Columns(instrument);
            for (var r = 0; r < count; r++)
            {
                var cells = new byte[columns.Count];
                for (var c = 0; c < cells.Length; c++)
                {
                    // Mostly favourable answers, as most agencies' are: the scale's last answers more often than its first.
                    var answers = columns[c].Scale!.Answers.Count;
                    var favourable = columns[c].Reverse ? 0 : answers - 1;
                    var pick = random.Next(10) < 7 ? favourable : random.Next(answers);
                    cells[c] = (byte)(pick + 1);
                }
                db.SurveyResponses.Add(new SurveyResponse
                {
                    Key = Guid.NewGuid(),
                    RoundId = round.Id,
                    Instrument = instrument,
                    QuestionnaireId = round.QuestionnaireId!.Value,
                    Answers = cells,
                    Day = day,
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
