namespace OpenIta.Core.Plans;

/// <summary>The outcome of a change to a round: the round after it, or why it was refused (Thai, English).</summary>
public sealed record RoundChange(ProgressRound? Round, string? RefusedTh = null, string? RefusedEn = null)
{
    public bool Accepted => Round is not null;
}

/// <summary>
/// The freeze rule of progress rounds, on the round alone (who may act is the caller's permissions). An open round
/// takes edits and can be closed; a closed round never changes what it said: a correction is added beside it, with
/// the reason, who and when, and the round then reads the newest correction (<see cref="ProgressRound.Effective"/>).
/// </summary>
public static class RoundFreeze
{
    /// <summary>Adds or replaces the entry of its subject in an open round; refused in a closed round.</summary>
    public static RoundChange Edit(ProgressRound round, ProgressEntry entry)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(entry);
        if (round.IsClosed)
        {
            return new RoundChange(null,
                "รอบรายงานนี้ปิดแล้ว แก้ไขไม่ได้ กรุณาบันทึกเป็นการแก้ไขเพิ่มเติมพร้อมเหตุผล",
                "This round is closed and cannot be edited; record a correction with its reason.");
        }
        var entries = round.Entries.Where(e => e.Subject != entry.Subject).ToList();
        var at = round.Entries.ToList().FindIndex(e => e.Subject == entry.Subject);
        entries.Insert(at < 0 ? entries.Count : at, entry);
        return new RoundChange(new ProgressRound(round.FiscalYear, round.Period, entries, null, null, round.Notes));
    }

    /// <summary>Closes an open round at <paramref name="at"/> (from the caller's TimeProvider).</summary>
    public static RoundChange Close(ProgressRound round, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.IsClosed
            ? new RoundChange(null, "รอบรายงานนี้ปิดแล้ว", "This round is already closed.")
            : new RoundChange(new ProgressRound(round.FiscalYear, round.Period, round.Entries, at, null, round.Notes));
    }

    /// <summary>Adds a correction to a closed round; the round's entries stay as they were. Refused for an open round
    /// (edit it) and without a reason or an author.</summary>
    public static RoundChange Correct(ProgressRound round, ProgressEntry entry, string reason, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(entry);
        if (!round.IsClosed)
        {
            return new RoundChange(null, "รอบรายงานนี้ยังไม่ปิด แก้ไขรายการได้โดยตรง", "This round is open: edit the entry.");
        }
        if (string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(by))
        {
            return new RoundChange(null, "การแก้ไขรอบที่ปิดแล้วต้องระบุเหตุผลและผู้แก้ไข", "A correction needs its reason and its author.");
        }
        return new RoundChange(new ProgressRound(round.FiscalYear, round.Period, round.Entries, round.ClosedAt,
            [.. round.Corrections, new Correction(entry, reason.Trim(), by.Trim(), at)], round.Notes));
    }
}
