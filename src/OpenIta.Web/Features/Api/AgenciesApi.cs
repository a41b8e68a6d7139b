using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// <c>/api/v1/agencies</c>: the agencies a user may read; administrators add and change them.
/// An agency the user may not read answers 404, exactly as one that does not exist.
/// </summary>
public static partial class AgenciesApi
{
    /// <summary>How many agencies one page of the list holds when <c>limit</c> is not given, and at most.</summary>
    public const int DefaultLimit = 1000, MaxLimit = 5000;

    /// <summary>An agency as the API shows it. <c>parent</c> is the parent's slug.</summary>
    public sealed record AgencyDto(
        string Slug, string NameTh, string? NameEn, string? Abbreviation, string Kind, string? Size, string? Province,
        string? Parent, bool IsSynthetic);

    /// <summary>One agency, with what the caller may do with it.</summary>
    public sealed record AgencyDetail(AgencyDto Agency, AgencyRights Rights);

    public sealed record AgencyRights(bool EditAgency, bool EditResults, bool Oversee);

    /// <summary>
    /// The fields of an agency (POST and PUT). <c>kind</c>: Other, Ministry, Department, PublicOrganization,
    /// StateEnterprise, IndependentOrgan, University, Province, ProvincialOffice, Municipality, SubdistrictAdministration.
    /// <c>size</c>: Small, Medium, Large. <c>parent</c>: the slug of the group above it. On PUT, <c>slug</c> may be left
    /// out; a slug cannot be changed.
    /// </summary>
    public sealed record AgencyInput(
        string? Slug, string? NameTh, string? NameEn, string? Abbreviation, string? Kind, string? Size, string? Province,
        string? Parent);

    internal static void MapAgencies(this RouteGroupBuilder api)
    {
        var agencies = api.MapGroup("/agencies").WithTags("Agencies");
        agencies.MapGet("", ListAsync)
            .WithName("ListAgencies")
            .WithSummary("List the agencies you may read")
            .WithDescription("Every agency the caller may read: those they hold a role in, every agency below a group they " +
                "oversee, or all of them for an administrator. Filters: `kind` (an agency kind such as Department or " +
                "SubdistrictAdministration), `province` (exact Thai name), `parent` (the slug of the agency directly above). " +
                "Paged in slug order: `limit` (1 to 5000, default 1000) agencies from `offset` (default 0); when more follow, " +
                "the `Link` header names the next page (`rel=\"next\"`).")
            .ProducesValidationProblem();
        agencies.MapGet("/{slug}", GetAsync)
            .WithName("GetAgency")
            .WithSummary("One agency")
            .WithDescription("The agency and what the caller may do with it. 404 when it does not exist or the caller may not read it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var changes = agencies.Changes();
        changes.MapPost("", CreateAsync)
            .WithName("CreateAgency")
            .WithSummary("Add an agency (administrators)")
            .WithDescription("Adds an agency under an optional parent. API token only. 409 when the slug is taken.")
            .Accepts<AgencyInput>(ApiBody.JsonContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        changes.MapPut("/{slug}", UpdateAsync)
            .WithName("UpdateAgency")
            .WithSummary("Change an agency (administrators)")
            .WithDescription("Replaces the agency's fields; moving it under another parent moves everything below it. " +
                "API token only. 403 for a user who may read the agency but is not an administrator.")
            .Accepts<AgencyInput>(ApiBody.JsonContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Results<Ok<List<AgencyDto>>, ProblemHttpResult>> ListAsync(
        HttpContext context, OpenItaDb db, CurrentUser user, string? kind, string? province, string? parent, string? limit, string? offset,
        CancellationToken cancellationToken)
    {
        var take = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            return ApiProblems.Invalid("limit", Message.Of("query.limit", "\"{value}\" ไม่ใช่จำนวนเต็มตั้งแต่ 1 ถึง {max}", "'{value}' is not a whole number from 1 to {max}", ("value", limit), ("max", MaxLimit)));
        }
        var skip = 0;
        if (!string.IsNullOrWhiteSpace(offset) && !int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
        {
            return ApiProblems.Invalid("offset", Message.Of("query.offset", "\"{value}\" ไม่ใช่จำนวนเต็มตั้งแต่ 0 ขึ้นไป", "'{value}' is not a whole number from 0", ("value", offset)));
        }
        var permissions = await user.PermissionsAsync(cancellationToken);
        var query = permissions.Readable(db.Agencies.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (ParseKind(kind) is not { } k)
            {
                return ApiProblems.Invalid("kind", Message.Of("agency.kind", "\"{value}\" ไม่ใช่ประเภทหน่วยงาน: ใช้ {allowed}", "'{value}' is not an agency kind: {allowed}", ("value", kind), ("allowed", string.Join(", ", Enum.GetNames<AgencyKind>()))));
            }
            query = query.Where(a => a.Kind == k);
        }
        if (!string.IsNullOrWhiteSpace(province))
        {
            var name = province.Trim();
            query = query.Where(a => a.Province == name);
        }
        if (!string.IsNullOrWhiteSpace(parent))
        {
            var slug = parent.Trim();
            query = query.Where(a => a.Parent != null && a.Parent.Slug == slug);
        }
        // One more than the page, to know whether another follows.
        var rows = await query.OrderBy(a => a.Slug).Skip(skip).Take(take + 1)
            .Select(a => new { Agency = a, ParentSlug = a.Parent == null ? null : a.Parent.Slug })
            .ToListAsync(cancellationToken);
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            var next = QueryString.Create(context.Request.Query
                .Where(q => q.Key is not ("limit" or "offset"))
                .Select(q => KeyValuePair.Create(q.Key, q.Value))
                .Append(KeyValuePair.Create("limit", new StringValues(take.ToString(CultureInfo.InvariantCulture))))
                .Append(KeyValuePair.Create("offset", new StringValues(((long)skip + take).ToString(CultureInfo.InvariantCulture)))));
            context.Response.Headers.Link = $"<{context.Request.PathBase}{context.Request.Path}{next}>; rel=\"next\"";
        }
        return TypedResults.Ok(rows.Select(r => ToDto(r.Agency, r.ParentSlug)).ToList());
    }

    private static async Task<Results<Ok<AgencyDetail>, ProblemHttpResult>> GetAsync(
        string slug, OpenItaDb db, AgencyLookup lookup, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        var parent = await ParentSlugAsync(db, found.Agency, cancellationToken);
        var rights = new AgencyRights(
            found.Permissions.IsAdministrator, found.Permissions.CanEditResults(found.Agency), found.Permissions.CanOversee(found.Agency));
        return TypedResults.Ok(new AgencyDetail(ToDto(found.Agency, parent), rights));
    }

    private static async Task<Results<Created<AgencyDto>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, OpenItaDb db, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!(await user.PermissionsAsync(cancellationToken)).IsAdministrator)
        {
            return ApiProblems.Forbidden(Message.Of("agency.add-forbidden", "เฉพาะผู้ดูแลระบบเพิ่มหน่วยงานได้", "Only administrators add agencies."));
        }
        var body = await ApiBody.ReadAsync<AgencyInput>(request, ApiBody.SmallLimit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        var input = body.Value!;
        if (string.IsNullOrWhiteSpace(input.Slug))
        {
            return ApiProblems.Invalid("slug", Message.Of("input.required", "ต้องระบุ", "is required"));
        }
        var slug = input.Slug.Trim();
        if (!SlugPattern().IsMatch(slug))
        {
            return ApiProblems.Invalid("slug", Message.Of("agency.slug", "ใช้อักษร a–z ตัวเล็ก ตัวเลข และขีด 1 ถึง 100 ตัว ขึ้นต้นด้วยอักษรหรือตัวเลข", "use 1 to 100 lower-case letters a–z, digits and hyphens, starting with a letter or digit"));
        }
        if (await db.Agencies.AnyAsync(a => a.Slug == slug, cancellationToken))
        {
            return ApiProblems.Conflict(Message.Of("agency.slug-taken", "รหัส \"{slug}\" มีหน่วยงานอื่นใช้แล้ว", "The slug '{slug}' is taken.", ("slug", slug)));
        }
        var agency = new Agency { Slug = slug, NameTh = "" };
        if (await ApplyAsync(db, agency, input, cancellationToken) is { } problem)
        {
            return problem;
        }
        try
        {
            await AgencyPaths.AddAsync(db, [agency], cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ApiProblems.Conflict(Message.Of("agency.slug-taken", "รหัส \"{slug}\" มีหน่วยงานอื่นใช้แล้ว", "The slug '{slug}' is taken.", ("slug", slug)));
        }
        return TypedResults.Created($"/api/v1/agencies/{slug}", ToDto(agency, input.Parent?.Trim() is { Length: > 0 } p ? p : null));
    }

    private static async Task<Results<Ok<AgencyDto>, ProblemHttpResult>> UpdateAsync(
        string slug, HttpRequest request, OpenItaDb db, AgencyLookup lookup, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        if (!found.Permissions.IsAdministrator)
        {
            return ApiProblems.Forbidden(Message.Of("agency.change-forbidden", "เฉพาะผู้ดูแลระบบแก้ไขหน่วยงานได้", "Only administrators change agencies."));
        }
        var body = await ApiBody.ReadAsync<AgencyInput>(request, ApiBody.SmallLimit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        var input = body.Value!;
        if (input.Slug is { } given && !string.Equals(given.Trim(), slug, StringComparison.Ordinal))
        {
            return ApiProblems.Invalid("slug", Message.Of("agency.slug-fixed", "เปลี่ยนไม่ได้ (หน่วยงานนี้คือ \"{slug}\")", "cannot be changed (the agency is '{slug}')", ("slug", slug)));
        }
        var agency = await db.Agencies.SingleAsync(a => a.Id == found.Agency.Id, cancellationToken);
        if (await ApplyAsync(db, agency, input, cancellationToken) is { } problem)
        {
            return problem;
        }
        try
        {
            await AgencyPaths.MoveAsync(db, agency, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return ApiProblems.Invalid("parent", Message.Of("agency.cycle", "จะทำให้หน่วยงานอยู่ใต้ตัวเอง", "would put the agency below itself"));
        }
        return TypedResults.Ok(ToDto(agency, await ParentSlugAsync(db, agency, cancellationToken)));
    }

    /// <summary>Copies the input's fields onto the agency; the problem when one is wrong.</summary>
    private static async Task<ProblemHttpResult?> ApplyAsync(OpenItaDb db, Agency agency, AgencyInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.NameTh))
        {
            return ApiProblems.Invalid("nameTh", Message.Of("input.required", "ต้องระบุ", "is required"));
        }
        if ((Refused(input.NameTh, UserText.NameMax, "nameTh") ?? Refused(input.NameEn, UserText.NameMax, "nameEn")
            ?? Refused(input.Abbreviation, UserText.ShortMax, "abbreviation") ?? Refused(input.Province, UserText.ShortMax, "province")
            ?? Refused(input.Parent, UserText.ShortMax, "parent")) is { } refused)
        {
            return refused;
        }
        var kind = AgencyKind.Other;
        if (!string.IsNullOrWhiteSpace(input.Kind))
        {
            if (ParseKind(input.Kind) is not { } parsedKind)
            {
                return ApiProblems.Invalid("kind", Message.Of("agency.kind", "\"{value}\" ไม่ใช่ประเภทหน่วยงาน: ใช้ {allowed}", "'{value}' is not an agency kind: {allowed}", ("value", input.Kind), ("allowed", string.Join(", ", Enum.GetNames<AgencyKind>()))));
            }
            kind = parsedKind;
        }
        AgencySize? size = null;
        if (!string.IsNullOrWhiteSpace(input.Size))
        {
            if (ParseName<AgencySize>(input.Size) is not { } parsedSize)
            {
                return ApiProblems.Invalid("size", Message.Of("agency.size", "\"{value}\" ไม่ใช่ขนาดหน่วยงาน: ใช้ {allowed}", "'{value}' is not a size: {allowed}", ("value", input.Size), ("allowed", string.Join(", ", Enum.GetNames<AgencySize>()))));
            }
            size = parsedSize;
        }
        int? parentId = null;
        if (!string.IsNullOrWhiteSpace(input.Parent))
        {
            var parentSlug = input.Parent.Trim();
            var parent = await db.Agencies.AsNoTracking().Where(a => a.Slug == parentSlug).Select(a => new { a.Id, a.Path })
                .SingleOrDefaultAsync(cancellationToken);
            if (parent is null)
            {
                return ApiProblems.Invalid("parent", Message.Of("agency.not-found", "ไม่พบหน่วยงาน \"{slug}\"", "no agency '{slug}'", ("slug", parentSlug)));
            }
            if (agency.Id != 0 && (parent.Id == agency.Id || parent.Path.StartsWith(agency.Path, StringComparison.Ordinal)))
            {
                return ApiProblems.Invalid("parent", Message.Of("agency.cycle", "จะทำให้หน่วยงานอยู่ใต้ตัวเอง", "would put the agency below itself"));
            }
            parentId = parent.Id;
        }
        agency.NameTh = input.NameTh.Trim();
        agency.NameEn = Clean(input.NameEn);
        agency.Abbreviation = Clean(input.Abbreviation);
        agency.Province = Clean(input.Province);
        agency.Kind = kind;
        agency.Size = size;
        agency.ParentId = parentId;
        return null;
    }

    /// <summary>The 400 of <see cref="UserText"/>'s rule (control characters, direction overrides, length), naming the field.</summary>
    private static ProblemHttpResult? Refused(string? value, int max, string field) =>
        UserText.Check(value?.Trim(), max) is { } bad ? ApiProblems.Invalid(field, Message.Of("text.refused", bad.Th, bad.En)) : null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static AgencyKind? ParseKind(string value) => ParseName<AgencyKind>(value);

    /// <summary>An enum by its name only (not by number), ignoring case.</summary>
    private static T? ParseName<T>(string value) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : null;

    private static async Task<string?> ParentSlugAsync(OpenItaDb db, Agency agency, CancellationToken cancellationToken) =>
        agency.ParentId is { } id
            ? await db.Agencies.AsNoTracking().Where(a => a.Id == id).Select(a => a.Slug).SingleAsync(cancellationToken)
            : null;

    internal static AgencyDto ToDto(Agency agency, string? parentSlug) => new(
        agency.Slug, agency.NameTh, agency.NameEn, agency.Abbreviation, agency.Kind.ToString(), agency.Size?.ToString(),
        agency.Province, parentSlug, agency.IsSynthetic);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex SlugPattern();
}
