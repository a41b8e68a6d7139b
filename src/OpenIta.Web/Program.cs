using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.WebEncoders;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Features.Api;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Features.LinkChecks;
using OpenIta.Web.Features.Measures;
using OpenIta.Web.Features.Oit;
using OpenIta.Web.Features.Plans;
using OpenIta.Web.Features.Public;
using OpenIta.Web.Features.Results;
using OpenIta.Web.Features.Surveys;
using OpenIta.Web.Infrastructure;
using OpenIta.Web.Infrastructure.Mail;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;

services.AddSingleton(TimeProvider.System);
services.AddSingleton(FrameworkCatalog.BuiltIn);
services.AddHttpContextAccessor();
services.AddScoped<Lang>();
services.AddScoped<CurrentUser>();
services.AddScoped<AgencyLookup>();
services.AddScoped<OpenIta.Data.Measures.MeasurePlanStore>();
// Action plans and units (issue 11); Plans:EvidenceMaxBytes caps an evidence file kept in the database (10 MB).
services.AddSingleton(builder.Configuration.GetSection(OpenIta.Data.Plans.PlanStoreOptions.Section).Get<OpenIta.Data.Plans.PlanStoreOptions>()
    ?? new OpenIta.Data.Plans.PlanStoreOptions());
services.AddScoped<OpenIta.Data.Plans.PlanStore>();
services.AddScoped<OpenIta.Data.Agencies.UnitStore>();
services.AddScoped<UserAccounts>();
services.AddOit(builder.Configuration); // OIT items, links, scores and clarifications (issue 13)
services.AddSingleton<PdfPrinter>();
services.AddOpenItaDatabase(builder.Configuration);
// Several instances on one database: they share the data-protection key ring (cookies, anti-forgery tokens) through
// the database, the security counters (SignInLimits) and the start-up locks (InstanceLock).
services.AddDataProtection().SetApplicationName("OpenITA").PersistKeysToDbContext<OpenItaDb>();
services.AddOpenItaForwardedHeaders(builder.Configuration);
services.AddSingleton<CounterKeys>();
services.Configure<SignInLimitOptions>(builder.Configuration.GetSection("Security:SignIn"));
services.AddScoped<SignInLimits>();
services.AddOpenItaHealth();
services.AddOpenItaMail(builder.Configuration);
services.AddScoped<MailDispatch>();
services.AddPlans(builder.Configuration);
services.AddSurveys(builder.Configuration);
services.AddSurveyOtp(builder.Configuration); // EIT part 1: SMS gateway (Sms:Provider), OTP limits (Surveys:Otp), Surveys:PhoneKey
services.AddScoped<OpenIta.Data.Surveys.ISurveyTickets, OpenIta.Data.Surveys.OtpTickets>();
services.AddLinkChecks(builder.Configuration, builder.Environment);
services.AddPublishing(builder.Configuration);

// Users: ASP.NET Core Identity on the same database; cookie sign-in for pages, API tokens for the REST API.
services.AddIdentityCore<AppUser>(UserAccounts.ConfigureIdentity) // the password rules, shared with the CLI
    .AddSignInManager()
    .AddEntityFrameworkStores<OpenItaDb>()
    .AddDefaultTokenProviders();
services.AddAuthentication(options =>
    {
        options.DefaultScheme = "OpenIta";
        options.DefaultChallengeScheme = "OpenIta";
    })
    // A token signs in to the REST API only; on the pages and their forms only the cookie counts.
    .AddPolicyScheme("OpenIta", "Cookie or API token", options => options.ForwardDefaultSelector = context =>
        ApiTokenAuthentication.AppliesTo(context.Request) ? ApiTokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme)
    .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
    .AddIdentityCookies();
services.ConfigureApplicationCookie(options =>
{
    options.Cookie.Name = "openita";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.LoginPath = "/account/login";
    options.AccessDeniedPath = "/account/denied";
    options.ExpireTimeSpan = TimeSpan.FromHours(8);
    options.SlidingExpiration = true;
    // The API answers 401/403, not a redirect to the login page.
    options.Events.OnRedirectToLogin = context => Redirect(context, StatusCodes.Status401Unauthorized);
    options.Events.OnRedirectToAccessDenied = context => Redirect(context, StatusCodes.Status403Forbidden);
    // Sign-out (and a password change) ends every copy of the user's cookie at once, on every instance.
    options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
});
services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

// Before AddProblemDetails: a browser gets the error as a page, the API and other clients keep problem+json.
services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, HtmlProblemWriter>();
services.AddProblemDetails();
services.AddOpenItaCompression();
services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "OpenITA API";
    document.Info.Description = "Agencies, ITA results and scoring. Authenticate with `Authorization: Bearer oita_…` (an API token).";
    return Task.CompletedTask;
}));
services.AddOpenItaApi();
services.AddRazorPages(options =>
{
    options.RootDirectory = "/Features";
    options.Conventions.AllowAnonymousToFolder("/Account");
}).AddMvcOptions(options =>
{
    // No page posts jQuery-style keys (a[b]); their value providers throw on a malformed one ("x[") before any
    // handler runs, turning a client's mistake into a 500 (found by Import/ImportFuzzTests).
    options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
    options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
});
services.AddAntiforgery(options => options.Cookie.Name = "openita-csrf");
// Thai is written as Thai in the HTML, not as numeric character references (still HTML-encoded where it must be).
services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(
    UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.Thai, UnicodeRanges.GeneralPunctuation,
    UnicodeRanges.LetterlikeSymbols, UnicodeRanges.Arrows, UnicodeRanges.MathematicalOperators, UnicodeRanges.GeometricShapes));

var app = builder.Build();

app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseResponseCompression();
app.UseStaticFiles();
app.UseRouting();
app.UsePublicResponses();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi().AllowAnonymous();
app.MapOpenItaHealth();
app.MapApi();
app.MapSurveysApi();
app.MapImportApi();
app.MapAnalysisDownloads();
app.MapMeasuresDownloads();
app.MapResultDownloads();
app.MapPlanDownloads();
OpenIta.Web.Features.Surveys.Rounds.SurveyDownloads.MapSurveyDownloads(app);
app.MapSurveyOtp();
app.MapPublishing();
app.MapRazorPages();

await app.MigrateDatabaseAsync();
await app.RunStartupTasksAsync();
await app.RunAsync();

static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
{
    if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
    // Relative: the request's Host header never becomes the address the browser is sent to.
    var target = Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri;
    context.Response.Redirect(target);
    return Task.CompletedTask;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
