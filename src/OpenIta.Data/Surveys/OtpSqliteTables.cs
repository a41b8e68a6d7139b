using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace OpenIta.Data.Surveys;

/// <summary>
/// SQLite's migrations, with the tables of <see cref="SurveyPhoneKey"/> and <see cref="SurveyResponse"/> created
/// <c>WITHOUT ROWID</c> (EF Core has no option for it). An ordinary SQLite table numbers its rows in the order they were
/// inserted; the phone keys' and the responses' rowids would then say which came first, second … — two orders that could
/// be matched against each other. Without a rowid, each table is stored by its key (a keyed hash, a random GUID), in no
/// order that means anything. Lives here rather than in
/// the migration so that it holds however the migrations are regenerated.
/// </summary>
public sealed class OtpSqliteTables(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    /// <summary>Tables created without a rowid.</summary>
    public static readonly IReadOnlySet<string> WithoutRowId = new HashSet<string>(StringComparer.Ordinal) { "survey_phone_keys", "survey_responses" };

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(builder);
        if (!WithoutRowId.Contains(operation.Name))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }
        base.Generate(operation, model, builder, terminate: false);
        builder.Append(" WITHOUT ROWID");
        if (terminate)
        {
            builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
            EndStatement(builder);
        }
    }
}
