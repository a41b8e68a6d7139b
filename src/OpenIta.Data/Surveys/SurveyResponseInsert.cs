using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpenIta.Data.Surveys;

/// <summary>
/// The <c>INSERT</c> of one <see cref="SurveyResponse"/> as a parameterised statement, built from the EF model (its table,
/// columns and type mappings, so the schema and the stored values stay exactly EF's) — what a public response sends in
/// its one batch instead of a tracked <c>SaveChanges</c> (<see cref="SurveyResponses.SubmitAsync"/>).
/// </summary>
internal static class SurveyResponseInsert
{
    private sealed record Column(string Parameter, PropertyInfo Property, RelationalTypeMapping Mapping, bool Nullable);

    private sealed record Statement(string Into, string Values, Column[] Columns);

    private static readonly ConcurrentDictionary<IModel, Statement> Statements = new();

    /// <summary>The statement's text for this context's engine (parameters <c>@r_COLUMN</c>); when a
    /// <paramref name="condition"/> (SQL) is given, the row is inserted only if it holds.</summary>
    public static string Sql(OpenItaDb db, string? condition)
    {
        var statement = For(db);
        return condition is null
            ? $"{statement.Into} VALUES ({statement.Values})"
            : $"{statement.Into} SELECT {statement.Values} WHERE {condition}";
    }

    /// <summary>Adds the parameters of <paramref name="response"/>, converted as EF converts them.</summary>
    public static void AddParameters(OpenItaDb db, DbCommand command, SurveyResponse response)
    {
        foreach (var column in For(db).Columns)
        {
            command.Parameters.Add(column.Mapping.CreateParameter(command, column.Parameter, column.Property.GetValue(response), column.Nullable));
        }
    }

    private static Statement For(OpenItaDb db) => Statements.GetOrAdd(db.Model, model =>
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = model.FindEntityType(typeof(SurveyResponse))!.GetTableMappings().Single();
        var columns = table.ColumnMappings
            .Select(m => new Column("@r_" + m.Column.Name, m.Property.PropertyInfo!, m.TypeMapping, m.Column.IsNullable))
            .ToArray();
        var names = string.Join(", ", table.ColumnMappings.Select(m => sql.DelimitIdentifier(m.Column.Name)));
        var values = string.Join(", ", columns.Select(c => c.Parameter));
        return new Statement($"INSERT INTO {sql.DelimitIdentifier(table.Table.Name, table.Table.Schema)} ({names})", values, columns);
    });
}
