using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OpenIta.Data;
using OpenIta.Data.Surveys;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>
/// Anonymous by construction (issue 12, item 6): a response row holds the round, the instrument, the questionnaire
/// version, the answers and the day — nothing that names, locates or orders a respondent. These tests fail when a
/// column is added to the responses' table (in the EF model or in either engine's real schema), when anything else
/// refers to a response, or when the day becomes a time.
/// </summary>
public sealed class SurveySchemaAuditTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    /// <summary>Every column a response may have. Adding one here needs a reason that a respondent stays anonymous.</summary>
    private static readonly string[] Allowed = ["Key", "RoundId", "Instrument", "QuestionnaireId", "Answers", "Day", "EnteredBy"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_response_table_has_only_the_allowed_columns_in_the_model_and_in_the_database(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (modelColumns, keyIsGenerated, dayType, referencing) = await app.WithDbAsync(db =>
        {
            var entity = db.Model.FindEntityType(typeof(SurveyResponse))!;
            var table = StoreObjectIdentifier.Table("survey_responses", null);
            var columns = entity.GetProperties().Select(p => p.GetColumnName(table)!).ToList();
            var generated = entity.FindPrimaryKey()!.Properties.Single().ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            var day = entity.FindProperty(nameof(SurveyResponse.Day))!.ClrType;
            var refs = db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys())
                .Where(fk => fk.PrincipalEntityType.ClrType == typeof(SurveyResponse)).Select(fk => fk.DeclaringEntityType.ClrType).ToList();
            return Task.FromResult((columns, generated, day, refs));
        });
        Assert.Empty(modelColumns.Except(Allowed));
        Assert.False(keyIsGenerated); // a random GUID from the code, never a sequence
        Assert.Equal(typeof(DateOnly), dayType); // a day, never a time
        Assert.Equal([typeof(SurveyExclusion)], referencing); // only an exclusion refers to a response

        var databaseColumns = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = engine == DatabaseEngine.Sqlite
                ? "SELECT name FROM pragma_table_info('survey_responses')"
                : "SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_responses'";
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
            return names;
        });
        Assert.Equal(Allowed.Order(), databaseColumns.Order());
    }

    [Fact]
    public void No_column_of_a_response_is_named_like_an_identity_a_place_or_a_time()
    {
        var forbidden = new[] { "user", "ip", "address", "agent", "phone", "email", "name", "time", "unixms", "created", "sequence", "order", "session", "device" };
        var columns = typeof(SurveyResponse).GetProperties().Select(p => p.Name.ToLowerInvariant()).ToList();
        // EnteredBy is the assessor of EIT part 2, not a respondent (the schema test above allows it by name).
        foreach (var column in columns.Where(c => c != "enteredby"))
        {
            Assert.DoesNotContain(forbidden, word => column.Contains(word, StringComparison.Ordinal));
        }
    }
}
