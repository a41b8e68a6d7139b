using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Users;
using OpenIta.Reports.Thai;

namespace OpenIta.Data.Oit;

/// <summary>One link of an item as read: the row and the link checker's newest check of it (null until one is made).</summary>
public sealed record OitUrlView(OitUrlRow Row, OitUrlCheck? Check);

/// <summary>One item as read: its row, the framework's definition (title, sub-indicator, criteria), its owner unit's name
/// and its current links.</summary>
public sealed record OitItemView(OitItemRow Row, OitItemDefinition Definition, string? OwnerName, IReadOnlyList<OitUrlView> Urls);

/// <summary>An agency's OIT of a year as read: the set (unsaved when nobody wrote yet), its items in the framework's order,
/// the clarification window and the audit trail.</summary>
public sealed record OitYearView(
    Agency Agency, int FiscalYear, Framework Framework, OitSetRow Set, IReadOnlyList<OitItemView> Items, OitWindow? Window,
    IReadOnlyList<OitEventRow> Events)
{
    public OitItemView? Item(string code) => Items.FirstOrDefault(i => string.Equals(i.Row.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// An agency's OIT (issue 13, items 1 and 3): the one home of its rules, for the pages and the API alike. Every change
/// asks <see cref="Permissions"/> itself, checks the row's version (a stale write is a 409), writes its audit row in the
/// same SaveChanges, and a score that completes the year flows into the agency's result through the engine
/// (<see cref="OitResults"/>).
/// <list type="bullet">
/// <item>The coordinator (or an administrator) assigns each item an owner unit and a due date, and submits the set.</item>
/// <item>The coordinator, or a unit owner for the items of their units, enters the links and a note while the set is a
/// draft (<see cref="OitLinks"/> says what a link must be).</item>
/// <item>An assessor of a group above the agency for the year (<see cref="Permissions.IsAssessorOf"/>) scores each item of a
/// submitted set 100 or 0, ticks the criteria not met, and writes a reason (required for 0) and a suggestion; the score
/// is bound to the link checker's check of each link.</item>
/// <item>Once the clarification window has opened, a score already given changes only by answering a clarification; the
/// agency files one per item (a new link or an explanation) only while the window is open.</item>
/// </list>
/// </summary>
public sealed class OitStore(OpenItaDb db, TimeProvider clock, FrameworkCatalog catalog, OitWindowDefaults windows, IOitUrlChecks checks)
{
    /// <summary>The year's framework when it lists OIT items, or a 404 naming the year.</summary>
    public Framework FrameworkOf(int fiscalYear)
    {
        var framework = fiscalYear is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe ? catalog.Find(new FiscalYear(fiscalYear)) : null;
        return framework is { OitItems.Count: > 0 }
            ? framework
            : throw OitException.NotFound("year",
                $"ยังไม่มีรายการข้อ OIT ของปีงบประมาณ พ.ศ. {fiscalYear}",
                $"No OIT items are known for FY{fiscalYear}.");
    }

    /// <summary>The agency's OIT of the year, without writing anything (a set nobody wrote yet is shown unsaved).</summary>
    public async Task<OitYearView> ReadAsync(Agency agency, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var framework = FrameworkOf(fiscalYear);
        var set = await db.OitSets.AsNoTracking().Include(s => s.Items).ThenInclude(i => i.Urls)
            .Include(s => s.Items).ThenInclude(i => i.OwnerUnit)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.AgencyId == agency.Id && s.FiscalYear == fiscalYear, cancellationToken)
            ?? new OitSetRow { AgencyId = agency.Id, FiscalYear = fiscalYear };
        var byCode = set.Items.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        var rows = framework.OitItems.Select(d => byCode.GetValueOrDefault(d.Code)
            ?? new OitItemRow { Code = d.Code, AgencyId = agency.Id, FiscalYear = fiscalYear }).ToList();
        var urlIds = rows.SelectMany(r => r.Urls).Where(u => u.RemovedAtUnixMs is null).Select(u => u.Id).ToList();
        var latest = urlIds.Count == 0 ? new Dictionary<long, OitUrlCheck>() : await checks.LatestAsync(urlIds, cancellationToken);
        var items = rows.Select(r => new OitItemView(r, framework.FindOitItem(r.Code)!, r.OwnerUnit?.Name,
            Current(r).Select(u => new OitUrlView(u, latest.GetValueOrDefault(u.Id))).ToList())).ToList();
        var events = await db.OitEvents.AsNoTracking().Where(e => e.AgencyId == agency.Id && e.FiscalYear == fiscalYear)
            .OrderByDescending(e => e.AtUnixMs).ThenByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
        return new OitYearView(agency, fiscalYear, framework, set, items, await WindowAsync(agency, fiscalYear, cancellationToken), events);
    }

    /// <summary>The clarification window of the agency's year: the nearest group's (the agency's own first), else the year's
    /// configured one, else none.</summary>
    public async Task<OitWindow?> WindowAsync(Agency agency, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var ids = AgencyPaths.Ids(agency.Path);
        var rows = await db.OitWindows.AsNoTracking().Where(w => w.FiscalYear == fiscalYear && ids.Contains(w.AgencyId))
            .ToListAsync(cancellationToken);
        var nearest = rows.OrderByDescending(w => ids.IndexOf(w.AgencyId)).FirstOrDefault();
        return nearest is not null ? new OitWindow(nearest.OpensOn, nearest.ClosesOn) : windows.Years.GetValueOrDefault(fiscalYear);
    }

    /// <summary>Sets a group's clarification window of a year (an administrator or an assessor of the group for the year).</summary>
    public async Task SetWindowAsync(Agency group, int fiscalYear, DateOnly? opensOn, DateOnly? closesOn, Permissions permissions, PlanActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(actor);
        FrameworkOf(fiscalYear);
        if (!permissions.IsAdministrator && !permissions.IsAssessorOf(group, fiscalYear))
        {
            throw OitException.Forbidden("เฉพาะผู้ดูแลระบบหรือผู้ประเมินของกลุ่มในปีนี้กำหนดช่วงชี้แจงได้",
                "Only administrators and the group's assessors of the year set the clarification window.");
        }
        if (opensOn is not { } opens)
        {
            throw OitException.Bad("opensOn", "ระบุวันเริ่มชี้แจง", "Give the first day of the window.");
        }
        if (closesOn is not { } closes || closes < opens)
        {
            throw OitException.Bad("closesOn", "วันสิ้นสุดชี้แจงต้องไม่ก่อนวันเริ่ม", "The last day must not be before the first.");
        }
        var row = await db.OitWindows.SingleOrDefaultAsync(w => w.AgencyId == group.Id && w.FiscalYear == fiscalYear, cancellationToken);
        if (row is null)
        {
            row = new OitWindowRow { AgencyId = group.Id, FiscalYear = fiscalYear };
            db.OitWindows.Add(row);
        }
        row.OpensOn = opens;
        row.ClosesOn = closes;
        row.SetBy = actor.UserName;
        Audit(group.Id, fiscalYear, null, "window", actor,
            $"ช่วงชี้แจงเพิ่มเติม {Iso(opens)} ถึง {Iso(closes)} สำหรับหน่วยงานในกลุ่ม {group.NameTh}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The coordinator gives an item its owner unit and due date.</summary>
    public async Task<OitItemRow> AssignAsync(Agency agency, int fiscalYear, string code, int? unitId, DateOnly? dueOn, int? version,
        Permissions permissions, PlanActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.CanManageOit(agency))
        {
            throw OitException.Forbidden("เฉพาะผู้ประสานงาน (ศปท.) ของหน่วยงานกำหนดผู้รับผิดชอบข้อ OIT ได้",
                "Only the agency's coordinator assigns OIT items.");
        }
        var item = await ItemForWriteAsync(agency, fiscalYear, code, version, cancellationToken);
        string? unitName = null;
        if (unitId is { } id)
        {
            unitName = await db.AgencyUnits.Where(u => u.Id == id && u.AgencyId == agency.Id).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken)
                ?? throw OitException.Bad("owner", "ไม่พบหน่วยงานย่อยนี้ในหน่วยงาน", "No such unit in the agency.");
        }
        item.OwnerUnitId = unitId;
        item.DueOn = dueOn;
        Audit(agency.Id, fiscalYear, item.Code, "assigned", actor,
            $"ผู้รับผิดชอบ: {unitName ?? "-"}; กำหนดส่ง: {(dueOn is { } d ? Iso(d) : "-")}");
        await SaveAsync(item, cancellationToken);
        return item;
    }

    /// <summary>
    /// The owner's links and note of an item, replacing the current ones. A link saved again keeps its row (and id); a
    /// link left out is marked removed. Refused once the set is submitted.
    /// </summary>
    public async Task<OitItemRow> SaveLinksAsync(Agency agency, int fiscalYear, string code, IReadOnlyList<OitLinkInput> links, string? note,
        int? version, Permissions permissions, PlanActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(permissions);
        var framework = FrameworkOf(fiscalYear);
        if (framework.FindOitItem(code) is null)
        {
            throw UnknownItem(code, fiscalYear);
        }
        if (!permissions.CanRead(agency) || !(await CanEnterLinksAsync(agency, fiscalYear, code, permissions, cancellationToken)))
        {
            throw OitException.Forbidden("เฉพาะผู้ประสานงานหรือเจ้าของหน่วยงานย่อยที่รับผิดชอบข้อนี้บันทึกลิงก์ได้",
                "Only the coordinator or the owner of the item's unit enters its links.");
        }
        if (links.Count > OitLinks.MaxPerItem)
        {
            throw OitException.Bad("urls", $"ข้อหนึ่งมีลิงก์ได้ไม่เกิน {OitLinks.MaxPerItem} ลิงก์", $"An item takes at most {OitLinks.MaxPerItem} links.");
        }
        var checkedLinks = links.Select((l, i) => OitLinks.Check($"urls[{i}]", l, agency.WebsiteDomain)).ToList();
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (UserText.Check(text, UserText.NarrativeMax) is { } bad)
        {
            throw OitException.Bad("note", "หมายเหตุ" + bad.Th, "note " + bad.En);
        }
        var item = await ItemForWriteAsync(agency, fiscalYear, code, version, cancellationToken);
        if (item.Set!.Status == OitSetStatus.Submitted)
        {
            throw OitException.Conflict("status", "ส่งชุดข้อมูล OIT ของปีนี้แล้ว แก้ไขลิงก์ไม่ได้ (ชี้แจงเพิ่มเติมได้ในช่วงชี้แจง)",
                "The year's OIT was submitted: its links no longer change (a clarification may add one in its window).");
        }
        var now = Now();
        var current = Current(item).ToList();
        var kept = new List<OitUrlRow>();
        foreach (var (url, exception) in checkedLinks)
        {
            var row = current.FirstOrDefault(u => u.Url == url && !kept.Contains(u));
            if (row is null)
            {
                row = new OitUrlRow { Url = url, AddedAtUnixMs = now, AddedBy = actor.UserName };
                item.Urls.Add(row);
            }
            row.Exception = exception;
            row.Position = kept.Count;
            kept.Add(row);
        }
        foreach (var gone in current.Where(u => !kept.Contains(u)))
        {
            gone.RemovedAtUnixMs = now;
        }
        item.Note = text;
        item.LinksUpdatedAtUnixMs = now;
        item.LinksUpdatedBy = actor.UserName;
        Audit(agency.Id, fiscalYear, item.Code, "links", actor,
            string.Join(" ", kept.Select(u => u.Url)) + (text is null ? "" : " — " + text));
        await SaveAsync(item, cancellationToken);
        return item;
    }

    /// <summary>The coordinator submits the year's set: its links are then what the assessor scores.</summary>
    public async Task<OitSetRow> SubmitAsync(Agency agency, int fiscalYear, int? version, Permissions permissions, PlanActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.CanManageOit(agency))
        {
            throw OitException.Forbidden("เฉพาะผู้ประสานงาน (ศปท.) ของหน่วยงานส่งชุดข้อมูล OIT ได้", "Only the agency's coordinator submits the OIT.");
        }
        var set = await EnsureSetAsync(agency, fiscalYear, cancellationToken);
        if (version is { } v && v != set.Version)
        {
            throw OitException.Stale(set.UpdatedBy, set.UpdatedAtUnixMs);
        }
        if (set.Status == OitSetStatus.Submitted)
        {
            throw OitException.Conflict("status", "ส่งชุดข้อมูล OIT ของปีนี้แล้ว", "The year's OIT is already submitted.");
        }
        var withLinks = set.Items.Count(i => i.Urls.Any(u => u.RemovedAtUnixMs is null));
        set.Status = OitSetStatus.Submitted;
        set.SubmittedAtUnixMs = Now();
        set.SubmittedBy = actor.UserName;
        set.UpdatedAtUnixMs = Now();
        set.UpdatedBy = actor.UserName;
        Audit(agency.Id, fiscalYear, null, "submitted", actor, $"ส่งชุดข้อมูล OIT: มีลิงก์ {withLinks} จาก {set.Items.Count} ข้อ");
        await SaveSetAsync(set, cancellationToken);
        return set;
    }

    /// <summary>
    /// The assessor's score of an item: 100 or 0, the criteria not met (numbers of the framework's criteria), a reason
    /// (required for 0) and a suggestion. After a clarification it confirms or changes the score.
    /// </summary>
    public async Task<OitItemRow> ScoreAsync(Agency agency, int fiscalYear, string code, int? score, IReadOnlyList<int>? criteriaNotMet,
        string? reason, string? suggestion, int? version, Permissions permissions, PlanActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(permissions);
        var framework = FrameworkOf(fiscalYear);
        var definition = framework.FindOitItem(code) ?? throw UnknownItem(code, fiscalYear);
        if (!permissions.IsAssessorOf(agency, fiscalYear))
        {
            throw OitException.Forbidden($"เฉพาะผู้ประเมินของกลุ่มหน่วยงานนี้ในปีงบประมาณ พ.ศ. {fiscalYear} ให้คะแนนได้",
                $"Only the group's assessors of FY{fiscalYear} score.");
        }
        if (score is not (0 or 100))
        {
            throw OitException.Bad("score", "คะแนนต้องเป็น 100 หรือ 0", "The score must be 100 or 0.");
        }
        var criteria = (criteriaNotMet ?? []).Distinct().Order().ToList();
        if (criteria.FirstOrDefault(n => n < 1 || n > definition.Criteria.Count) is var wrong and not 0)
        {
            throw OitException.Bad("criteriaNotMet", $"ข้อ {definition.Code} ไม่มีเกณฑ์ที่ {wrong}", $"{definition.Code} has no criterion {wrong}.");
        }
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var advice = string.IsNullOrWhiteSpace(suggestion) ? null : suggestion.Trim();
        if (score == 0 && why is null)
        {
            throw OitException.Bad("reason", "ให้ 0 คะแนนต้องระบุเหตุผล", "A score of 0 needs a reason.");
        }
        if (UserText.Check(why, UserText.NarrativeMax) is { } badReason)
        {
            throw OitException.Bad("reason", "เหตุผล" + badReason.Th, "reason " + badReason.En);
        }
        if (UserText.Check(advice, UserText.NarrativeMax) is { } badAdvice)
        {
            throw OitException.Bad("suggestion", "ข้อเสนอแนะ" + badAdvice.Th, "suggestion " + badAdvice.En);
        }
        var item = await ItemForWriteAsync(agency, fiscalYear, code, version, cancellationToken);
        if (item.Set!.Status != OitSetStatus.Submitted)
        {
            throw OitException.Conflict("status", "หน่วยงานยังไม่ได้ส่งชุดข้อมูล OIT ของปีนี้", "The agency has not submitted the year's OIT yet.");
        }
        var window = await WindowAsync(agency, fiscalYear, cancellationToken);
        var today = ThaiTime.Today(clock);
        var answering = item.ScoreState == OitScoreState.Clarified;
        if (item.Score is not null && !answering && window is not null && window.HasOpenedBy(today))
        {
            throw OitException.Conflict("score",
                $"ช่วงชี้แจงเพิ่มเติมเริ่มแล้ว ({Iso(window.OpensOn)}) คะแนนที่ให้แล้วเปลี่ยนได้เฉพาะเมื่อหน่วยงานชี้แจง",
                $"The clarification window opened on {Iso(window.OpensOn)}: a score given changes only in answer to a clarification.");
        }
        var before = item.Score;
        item.Score = score;
        item.CriteriaNotMet = criteria.Count == 0 ? null : string.Join(",", criteria.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        item.Reason = why;
        item.Suggestion = advice;
        item.ScoredByUserId = actor.UserId;
        item.ScoredBy = actor.UserName;
        item.ScoredAtUnixMs = Now();
        item.ScoreState = answering ? OitScoreState.Confirmed : OitScoreState.Scored;
        // The score is bound to what the assessor saw: the newest check of each current link.
        var current = Current(item).ToList();
        var seen = current.Count == 0 ? new Dictionary<long, OitUrlCheck>() : await checks.LatestAsync(current.Select(u => u.Id).ToList(), cancellationToken);
        foreach (var url in current)
        {
            url.ScoredCheckId = seen.GetValueOrDefault(url.Id)?.CheckId;
        }
        var action = answering ? (before == score ? "confirmed" : "changed") : "scored";
        Audit(agency.Id, fiscalYear, item.Code, action, actor,
            $"{(before is { } b ? b.ToString(CultureInfo.InvariantCulture) + " → " : "")}{score} คะแนน"
            + (criteria.Count > 0 ? "; ไม่ผ่านเกณฑ์ข้อ " + item.CriteriaNotMet : "") + (why is null ? "" : "; เหตุผล: " + why));
        await OitResults.ApplyAsync(db, agency, fiscalYear, framework, item, actor.UserName, clock, catalog, cancellationToken);
        await SaveAsync(item, cancellationToken);
        return item;
    }

    /// <summary>The agency's clarification of a scored item, in the window: a new link, an explanation, or both.</summary>
    public async Task<OitItemRow> ClarifyAsync(Agency agency, int fiscalYear, string code, OitLinkInput? link, string? explanation, int? version,
        Permissions permissions, PlanActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(permissions);
        var framework = FrameworkOf(fiscalYear);
        if (framework.FindOitItem(code) is null)
        {
            throw UnknownItem(code, fiscalYear);
        }
        if (!permissions.CanRead(agency) || !(await CanEnterLinksAsync(agency, fiscalYear, code, permissions, cancellationToken)))
        {
            throw OitException.Forbidden("เฉพาะผู้ประสานงานหรือเจ้าของหน่วยงานย่อยที่รับผิดชอบข้อนี้ชี้แจงได้",
                "Only the coordinator or the owner of the item's unit files a clarification.");
        }
        var text = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
        if (UserText.Check(text, UserText.NarrativeMax) is { } bad)
        {
            throw OitException.Bad("explanation", "คำชี้แจง" + bad.Th, "explanation " + bad.En);
        }
        var hasLink = !string.IsNullOrWhiteSpace(link?.Url);
        var checkedLink = hasLink ? OitLinks.Check("url", link!, agency.WebsiteDomain) : default;
        if (!hasLink && text is null)
        {
            throw OitException.Bad("explanation", "ชี้แจงด้วยลิงก์ใหม่หรือคำอธิบาย อย่างน้อยหนึ่งอย่าง", "Give a new link or an explanation.");
        }
        var item = await ItemForWriteAsync(agency, fiscalYear, code, version, cancellationToken);
        var window = await WindowAsync(agency, fiscalYear, cancellationToken);
        var today = ThaiTime.Today(clock);
        if (window is null || !window.IsOpenOn(today))
        {
            throw OitException.Conflict("window", window is null
                    ? $"ยังไม่ได้กำหนดช่วงชี้แจงเพิ่มเติมของปีงบประมาณ พ.ศ. {fiscalYear}"
                    : $"ชี้แจงเพิ่มเติมได้เฉพาะ {Iso(window.OpensOn)} ถึง {Iso(window.ClosesOn)} เท่านั้น",
                window is null
                    ? $"No clarification window is set for FY{fiscalYear}."
                    : $"Clarifications are taken only from {Iso(window.OpensOn)} to {Iso(window.ClosesOn)}.");
        }
        if (item.ScoreState != OitScoreState.Scored)
        {
            throw OitException.Conflict("status", item.Score is null
                    ? "ข้อนี้ยังไม่ได้รับคะแนน จึงยังชี้แจงไม่ได้"
                    : "ข้อนี้ชี้แจงไปแล้ว", item.Score is null ? "The item is not scored yet." : "The item was already clarified.");
        }
        var now = Now();
        if (hasLink)
        {
            item.Urls.Add(new OitUrlRow
            {
                Url = checkedLink.Url, Exception = checkedLink.Exception, FromClarification = true,
                Position = Current(item).Count(), AddedAtUnixMs = now, AddedBy = actor.UserName,
            });
        }
        item.Clarification = text;
        item.ClarifiedBy = actor.UserName;
        item.ClarifiedAtUnixMs = now;
        item.ScoreState = OitScoreState.Clarified;
        Audit(agency.Id, fiscalYear, item.Code, "clarified", actor, (hasLink ? checkedLink.Url + " " : "") + (text ?? ""));
        await SaveAsync(item, cancellationToken);
        return item;
    }

    /// <summary>Whether the user enters the item's links: the coordinator (or an administrator), or an owner of its unit.</summary>
    public async Task<bool> CanEnterLinksAsync(Agency agency, int fiscalYear, string code, Permissions permissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(permissions);
        if (permissions.CanManageOit(agency))
        {
            return true;
        }
        var owner = await db.OitItems.Where(i => i.AgencyId == agency.Id && i.FiscalYear == fiscalYear && i.Code == code)
            .Select(i => i.OwnerUnit!.Name).SingleOrDefaultAsync(cancellationToken);
        return owner is not null && permissions.CanReportOn(agency, [owner]);
    }

    /// <summary>The current links of an item, in order.</summary>
    public static IEnumerable<OitUrlRow> Current(OitItemRow item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Urls.Where(u => u.RemovedAtUnixMs is null).OrderBy(u => u.Position).ThenBy(u => u.Id);
    }

    /// <summary>The set of the agency's year with a row per framework item, made when missing (two at once: one wins).</summary>
    public async Task<OitSetRow> EnsureSetAsync(Agency agency, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var framework = FrameworkOf(fiscalYear);
        for (var attempt = 0; ; attempt++)
        {
            var set = await db.OitSets.Include(s => s.Items).ThenInclude(i => i.Urls)
                .SingleOrDefaultAsync(s => s.AgencyId == agency.Id && s.FiscalYear == fiscalYear, cancellationToken);
            var now = Now();
            if (set is null)
            {
                set = new OitSetRow { AgencyId = agency.Id, FiscalYear = fiscalYear, CreatedAtUnixMs = now, UpdatedAtUnixMs = now };
                db.OitSets.Add(set);
            }
            var missing = framework.OitItems.Where(d => set.Items.All(i => !string.Equals(i.Code, d.Code, StringComparison.OrdinalIgnoreCase))).ToList();
            if (set.Id != 0 && missing.Count == 0)
            {
                return set;
            }
            foreach (var definition in missing)
            {
                set.Items.Add(new OitItemRow { Code = definition.Code, AgencyId = agency.Id, FiscalYear = fiscalYear });
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return set;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear(); // another request made them first: read theirs
            }
        }
    }

    private async Task<OitItemRow> ItemForWriteAsync(Agency agency, int fiscalYear, string code, int? version, CancellationToken cancellationToken)
    {
        var set = await EnsureSetAsync(agency, fiscalYear, cancellationToken);
        var item = set.Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase))
            ?? throw UnknownItem(code, fiscalYear);
        if (version is { } v && v != item.Version)
        {
            throw OitException.Stale(item.LinksUpdatedBy ?? item.ScoredBy ?? item.ClarifiedBy, 0);
        }
        return item;
    }

    private async Task SaveAsync(OitItemRow item, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw OitException.Stale(null, 0);
        }
    }

    private async Task SaveSetAsync(OitSetRow set, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw OitException.Stale(set.UpdatedBy, set.UpdatedAtUnixMs);
        }
    }

    private void Audit(int agencyId, int fiscalYear, string? code, string action, PlanActor actor, string? note) =>
        db.OitEvents.Add(new OitEventRow
        {
            AgencyId = agencyId,
            FiscalYear = fiscalYear,
            ItemCode = code,
            Action = action,
            UserId = actor.UserId,
            UserName = actor.UserName,
            AtUnixMs = Now(),
            Note = note is { Length: > 4000 } ? note[..4000] : note,
        });

    private static OitException UnknownItem(string code, int fiscalYear) => OitException.NotFound("code",
        $"ปีงบประมาณ พ.ศ. {fiscalYear} ไม่มีข้อ OIT รหัส {UserText.Printable(code)}", $"FY{fiscalYear} has no OIT item {UserText.Printable(code)}.");

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
