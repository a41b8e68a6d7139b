using System.Globalization;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Import;

/// <summary>
/// POST /api/v1/imports/results × every role × the role's own agency and another one, as the API's authorization
/// matrix lays it out (Api/AuthorizationMatrixTests). A row naming an agency the caller may not change is an error of
/// the file (400, naming the row and column), and nothing is saved; one the caller may not read is "unknown". A caller
/// who coordinates no agency is refused (403) before the file is read.
/// </summary>
public sealed class ImportAuthorizationTests
{
    private static readonly string[] Roles =
        ["administrator", "coordinator", "unit owner", "executive", "viewer", "oversight of the group", "user of another agency", "anonymous"];

    [Theory]
    [InlineData("own", "200 200 403 403 403 403 400 401")]
    [InlineData("other", "200 400 403 403 403 403 400 401")]
    public async Task Only_coordinators_of_the_agency_and_administrators_import_its_results(string target, string expected)
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        var clients = await app.RoleApiClientsAsync();
        var file = ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565.Replace("spm,", target + ",", StringComparison.Ordinal));
        var statuses = expected.Split(' ');

        var failures = new List<string>();
        for (var role = 0; role < Roles.Length; role++)
        {
            var before = await ImportFiles.CountResultsAsync(app);
            using var response = await ImportFiles.PostApiAsync(clients[role], file);
            var actual = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            var saved = await ImportFiles.CountResultsAsync(app) - before;
            if (actual != statuses[role])
            {
                failures.Add($"{Roles[role]}: expected {statuses[role]}, got {actual}");
            }
            if (actual != "200" && (saved != 0 || response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                failures.Add($"{Roles[role]}: {actual} saved {saved} results or is not problem+json");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
