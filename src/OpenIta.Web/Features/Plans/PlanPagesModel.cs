using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Plans;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
using OpenIta.Data.Users;
using OpenIta.Web.Features.Measures;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Plans;

/// <summary>
/// The plan pages' base: the agency (404 when the user may not read it, so slugs cannot be probed), the user's
/// permissions, and the frame of every change: 404 for what does not exist, 403 for what the user may not do
/// (<see cref="ProgressForbiddenException"/> or the page's own check), 400 for a form that breaks a rule (the field
/// named), 409 for a stale write or a step the status does not allow — each time with the page shown again and what
/// the user typed kept.
/// </summary>
public abstract class PlanPagesModel(AgencyLookup lookup, CurrentUser user, Lang lang) : PlanPageModel
{
    public Agency Agency { get; private set; } = null!;
    public Permissions Permissions { get; private set; } = Permissions.None;

    /// <summary>Set when the user may read the agency but not do what was posted: the page answers 403.</summary>
    public bool Denied { get; protected set; }

    /// <summary>Why the posted change was refused, in the page's language.</summary>
    public string? Error { get; protected set; }

    /// <summary>The field the error is about, when it names one.</summary>
    public string? ErrorField { get; protected set; }

    protected Lang Lang => lang;

    protected PlanActor Actor => new(user.Id, user.Name ?? "?");

    /// <summary>Loads the agency; false when it does not exist for the user (answer 404).</summary>
    protected async Task<bool> LoadAgencyAsync(string slug, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return false;
        }
        Agency = found.Agency;
        Permissions = found.Permissions;
        return true;
    }

    /// <summary>The page with status 403.</summary>
    protected IActionResult Forbidden()
    {
        Denied = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>
    /// Runs a change; on success its result (a redirect), else the page again with the status the refusal calls for,
    /// after <paramref name="reload"/> (which reads the data again; the form keeps what was posted).
    /// </summary>
    protected async Task<IActionResult> ActAsync(Func<Task<IActionResult>> change, Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            return await change();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (ProgressForbiddenException e)
        {
            Error = lang.T(e.Th, e.En);
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        catch (ProgressConflictException e)
        {
            Error = PlanText.Conflict(e, lang);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (PlanValidationException e)
        {
            Error = lang.T(e.Th, e.En);
            ErrorField = e.Path;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (PlanException e)
        {
            Error = lang.T("ข้อมูลไม่ถูกต้องที่ ", "Not valid at ") + lang.Of(e.Describe());
            ErrorField = e.Path;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (UnitException e)
        {
            Error = lang.T(e.Th, e.En);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (PlanWorkflowException e)
        {
            Error = lang.T(e.Th, e.En);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (DbUpdateException)
        {
            Error = lang.T("มีผู้อื่นเปลี่ยนรายการนี้ในเวลาเดียวกัน กรุณาตรวจสอบอีกครั้ง", "Someone changed this at the same moment; check it again.");
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        await reload();
        return Page();
    }

    /// <summary>A 400 with the form's own finding (a field that is not a number …).</summary>
    protected void Invalid(string field, string th, string en)
    {
        Error = lang.T(th, en);
        ErrorField = field;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
