using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.LinkChecks;
using OpenIta.Data.Oit;
using OpenIta.Testing;

// openita-bench-linkcheck [--fetches N] [--agencies A] [--urls U] [--concurrency C]
// (1) N fetches of distinct pages (8 KB of Thai HTML each, with a date) from a Kestrel server on 127.0.0.1 through the
//     LinkFetcher alone (snapshots kept, dates read), C at a time: checks per second.
// (2) A group's re-check: A agencies × U OIT links on a SQLite database, one job per agency queued at once and run by
//     the application's own background service (claim, fetch, record each check with its flags, renew, finish).
var fetches = 2000;
var agencies = 100;
var urls = 30;
var concurrency = 8;
for (var i = 0; i < args.Length; i++)
{
    var value = int.Parse(args[++i], CultureInfo.InvariantCulture);
    switch (args[i - 1])
    {
        case "--fetches": fetches = value; break;
        case "--agencies": agencies = value; break;
        case "--urls": urls = value; break;
        case "--concurrency": concurrency = value; break;
        default: Console.Error.WriteLine($"unknown option {args[i - 1]}"); return 2;
    }
}

var page = "<html><body>" + string.Concat(Enumerable.Repeat("<p>รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๖</p>", 40)) +
    "<p>ประกาศ ณ วันที่ 15 มีนาคม 2566</p></body></html>";
var serverBuilder = WebApplication.CreateSlimBuilder();
serverBuilder.Logging.ClearProviders();
serverBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
await using var server = serverBuilder.Build();
server.MapGet("/p/{i:int}", (int i) => TypedResults.Content(page + i.ToString(CultureInfo.InvariantCulture), "text/html; charset=utf-8"));
await server.StartAsync();
var baseUrl = server.Urls.Single();
Console.WriteLine($"# Link checker benchmark — {BenchmarkMachine.Describe()}; {BenchmarkMachine.Source()}");

// (1) the fetcher alone
var store = new SnapshotStore(Directory.CreateTempSubdirectory("openita-bench-snapshots-").FullName);
var options = new LinkCheckOptions { AllowPrivateAddresses = true, Concurrency = concurrency };
using (var fetcher = new LinkFetcher(options, TimeProvider.System, store))
{
    await fetcher.FetchAsync($"{baseUrl}/p/0", default); // warm-up
    var watch = Stopwatch.StartNew();
    var ok = 0;
    await Parallel.ForEachAsync(Enumerable.Range(1, fetches), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (n, token) =>
    {
        var result = await fetcher.FetchAsync($"{baseUrl}/p/{n}", token);
        if (result.Outcome == LinkOutcome.Ok && result.DocumentDates.Count == 1)
        {
            Interlocked.Increment(ref ok);
        }
    });
    watch.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"fetcher: {fetches} fetches ({ok} ok with their date read), {concurrency} at a time: {watch.Elapsed.TotalSeconds:0.00} s, {fetches / watch.Elapsed.TotalSeconds:0} checks/s"));
}

// (2) a group's re-check through the application
var folder = Directory.CreateTempSubdirectory("openita-bench-linkcheck-").FullName;
await using var app = new WebApplicationFactory<OpenIta.Web.Infrastructure.Lang>().WithWebHostBuilder(builder =>
{
    builder.UseEnvironment("Production");
    // Run from the repository (dotnet run --project): the web application's own folder is its content root.
    builder.UseContentRoot(Path.GetFullPath(Path.Combine("src", "OpenIta.Web")));
    builder.UseSetting("Database:Engine", "sqlite");
    builder.UseSetting("ConnectionStrings:OpenIta", $"Data Source={Path.Combine(folder, "bench.db")}");
    builder.UseSetting("Demo:Enabled", "false");
    builder.UseSetting("Logging:LogLevel:Default", "Warning");
    builder.UseSetting("Oit:LinkCheck:AllowPrivateAddresses", "true");
    builder.UseSetting("Oit:LinkCheck:Concurrency", concurrency.ToString(CultureInfo.InvariantCulture));
    builder.UseSetting("Oit:LinkCheck:PollSeconds", "0.05");
    builder.UseSetting("Oit:LinkCheck:SweepSeconds", "0");
    builder.UseSetting("Oit:LinkCheck:SnapshotStore", Path.Combine(folder, "snapshots"));
});
_ = app.Server;
var ids = new List<int>();
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
    for (var a = 0; a < agencies; a++)
    {
        var agency = new Agency { Slug = $"a{a}", NameTh = $"หน่วยงาน {a}", Kind = AgencyKind.Department };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        var set = new OitSetRow { AgencyId = agency.Id, FiscalYear = 2566, Status = OitSetStatus.Draft };
        for (var u = 0; u < urls; u++)
        {
            var item = new OitItemRow { Code = $"O{u + 1}", AgencyId = agency.Id, FiscalYear = 2566 };
            item.Urls.Add(new OitUrlRow { Url = $"{baseUrl}/p/{100_000 + a * urls + u}", Position = 0 });
            set.Items.Add(item);
        }
        db.OitSets.Add(set);
        ids.Add(agency.Id);
    }
    await db.SaveChangesAsync();
    await AgencyPaths.RebuildAsync(db);
    await db.SaveChangesAsync();
}
var group = Stopwatch.StartNew();
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
    foreach (var id in ids)
    {
        await LinkCheckJobs.EnqueueAsync(db, id, 2566, "demand", null, TimeProvider.System.GetUtcNow());
    }
}
while (true)
{
    await Task.Delay(200);
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
    if (!await db.LinkCheckJobs.AnyAsync(j => j.Status != LinkCheckJobStatus.Done))
    {
        group.Stop();
        var checks = await db.LinkChecks.CountAsync();
        var ok = await db.LinkChecks.CountAsync(c => c.Outcome == LinkOutcome.Ok && c.OutsideYear == false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"group re-check: {agencies} agencies × {urls} URLs = {checks} checks ({ok} ok, in the year), one instance, {concurrency} at a time, SQLite: {group.Elapsed.TotalSeconds:0.0} s, {checks / group.Elapsed.TotalSeconds:0} checks/s"));
        break;
    }
}
return 0;
