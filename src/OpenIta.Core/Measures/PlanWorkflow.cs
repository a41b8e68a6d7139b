namespace OpenIta.Core.Measures;

/// <summary>Where a revision of a measures plan stands (issue 4): draft → submitted → approved → published.</summary>
public enum PlanStatus
{
    Draft,
    Submitted,
    Approved,
    Published,
}

/// <summary>What can be done to a revision.</summary>
public enum PlanAction
{
    /// <summary>Change the measures (coordinator).</summary>
    Edit,

    /// <summary>Send the draft to the executive (coordinator).</summary>
    Submit,

    /// <summary>Send a submitted revision back for changes, with a note (executive).</summary>
    Return,

    /// <summary>Approve a submitted revision with name, position, date and memo number (executive).</summary>
    Approve,

    /// <summary>Make an approved revision public (coordinator or executive).</summary>
    Publish,

    /// <summary>Start a new draft revision from an approved or published one; the old one stays frozen (coordinator).</summary>
    Revise,
}

/// <summary>The approval as seed 000 records it: who approved, their position, the date and the memo number
/// (บันทึกข้อความ ศปท. 0706/2565, approved by the Secretary-General on 30 November 2565).</summary>
public sealed record Approval(string Name, string Position, DateOnly Date, string MemoNumber);

/// <summary>
/// The rules of the approval workflow on the status alone; who may act is decided by the caller's permissions.
/// An approved or published revision is frozen: it can only be published or revised into a new draft.
/// </summary>
public static class PlanWorkflow
{
    /// <summary>The status after the action, or null when the action is not allowed in this status.</summary>
    public static PlanStatus? Next(PlanStatus status, PlanAction action) => (status, action) switch
    {
        (PlanStatus.Draft, PlanAction.Edit) => PlanStatus.Draft,
        (PlanStatus.Draft, PlanAction.Submit) => PlanStatus.Submitted,
        (PlanStatus.Submitted, PlanAction.Return) => PlanStatus.Draft,
        (PlanStatus.Submitted, PlanAction.Approve) => PlanStatus.Approved,
        (PlanStatus.Approved, PlanAction.Publish) => PlanStatus.Published,
        (PlanStatus.Approved or PlanStatus.Published, PlanAction.Revise) => PlanStatus.Draft,
        _ => null,
    };

    /// <summary>Whether the revision's content can still change.</summary>
    public static bool IsFrozen(PlanStatus status) => status is PlanStatus.Approved or PlanStatus.Published;

    /// <summary>Why the action is refused in this status (Thai, English); null when it is allowed.</summary>
    public static (string Th, string En)? WhyNot(PlanStatus status, PlanAction action)
    {
        if (Next(status, action) is not null)
        {
            return null;
        }
        return (status, action) switch
        {
            (PlanStatus.Approved or PlanStatus.Published, PlanAction.Edit) =>
                ("ฉบับที่อนุมัติแล้วแก้ไขไม่ได้ กรุณาสร้างฉบับปรับปรุงใหม่", "An approved revision cannot be edited; start a new revision."),
            (PlanStatus.Submitted, PlanAction.Edit) =>
                ("ฉบับที่เสนอแล้วแก้ไขไม่ได้ จนกว่าผู้บริหารจะส่งกลับ", "A submitted revision cannot be edited until the executive returns it."),
            (_, PlanAction.Approve) => ("อนุมัติได้เฉพาะฉบับที่เสนอแล้ว", "Only a submitted revision can be approved."),
            (_, PlanAction.Publish) => ("เผยแพร่ได้เฉพาะฉบับที่อนุมัติแล้ว", "Only an approved revision can be published."),
            (_, PlanAction.Submit) => ("เสนอได้เฉพาะฉบับร่าง", "Only a draft can be submitted."),
            (_, PlanAction.Return) => ("ส่งกลับได้เฉพาะฉบับที่เสนอแล้ว", "Only a submitted revision can be returned."),
            (_, PlanAction.Revise) => ("สร้างฉบับปรับปรุงได้จากฉบับที่อนุมัติแล้วเท่านั้น", "Only an approved or published revision can be revised."),
            _ => ("ทำรายการนี้ไม่ได้ในสถานะปัจจุบัน", "Not allowed in this status."),
        };
    }
}
