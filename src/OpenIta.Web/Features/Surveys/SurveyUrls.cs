namespace OpenIta.Web.Features.Surveys;

/// <summary>
/// The public address of a survey link (<c>/s/{token}</c>, Features/Surveys/Public): absolute, since it is printed and
/// put in QR codes. <c>Surveys:PublicBaseUrl</c> (e.g. <c>https://ita.example.go.th</c>) when set — the address people
/// reach the server at, whatever proxy is in front; else the request's own scheme and host, as the forwarded headers
/// give them (the signed-in coordinator's request, never a respondent's).
/// </summary>
public static class SurveyUrls
{
    public const string PathPrefix = "/s/";

    public static string Public(HttpRequest request, IConfiguration configuration, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Surveys:PublicBaseUrl"];
        var origin = Uri.TryCreate(configured, UriKind.Absolute, out var baseUri) && baseUri.Scheme is "https" or "http"
            ? baseUri.GetLeftPart(UriPartial.Authority) + baseUri.AbsolutePath.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return origin + PathPrefix + Uri.EscapeDataString(token);
    }
}
