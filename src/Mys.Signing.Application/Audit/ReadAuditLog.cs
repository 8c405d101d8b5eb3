using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Audit;

/// <summary>What the audit page is asked for: all filters optional; the page number from 1.</summary>
public sealed record AuditLogFilter(DateOnly? From, DateOnly? To, string? Action, string? Person, string? OrderNumber, int PageNumber);

/// <summary>One row as read: who (name), in which role, what (Turkish), on which record (ÖEB number, person), the details readable.</summary>
public sealed record AuditLogRow(
    long Id, DateTimeOffset OccurredAt, string Who, Role? Role, string Action, string EventName, string RecordName, string Record, string? Details, string? IpAddress);

public sealed record AuditLogPage(IReadOnlyList<AuditLogRow> Rows, int Total, int PageNumber, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The audit trail for a person who may read it: the system administrator reads all of it, an identity administrator
/// what was done in their units. Filtered by date (Turkish days), event, person (name or T.C. kimlik no) and ÖEB number,
/// newest first, <see cref="PageSize"/> a page, with the total for a page control.
/// </summary>
public sealed class ReadAuditLog(MysDbContext db)
{
    public const int PageSize = 50;

    public static readonly Refusal NotAllowed = new(RefusalKind.Forbidden, "forbidden", "İşlem kayıtlarını yalnızca sistem yöneticisi ve kimlik yöneticisi görebilir.");

    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<Outcome<AuditLogPage>> RunAsync(Actor actor, AuditLogFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.AuditEntries.AsNoTracking();
        if (!actor.HoldsAnywhere(Role.SystemAdministrator))
        {
            if (!actor.HoldsAnywhere(Role.IdentityAdministrator))
            {
                return NotAllowed;
            }

            var units = actor.UnitsWhere(Role.IdentityAdministrator).Cast<Guid?>().ToList();
            query = query.Where(e => units.Contains(e.UnitId));
        }

        query = await FilterAsync(query, filter, ct);
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var pageNumber = Math.Clamp(filter.PageNumber, 1, pageCount);
        var entries = await query.OrderByDescending(e => e.Id).Skip((pageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditLogPage(await DescribeAsync(entries, ct), total, pageNumber, PageSize);
    }

    private async Task<IQueryable<AuditEntry>> FilterAsync(IQueryable<AuditEntry> query, AuditLogFilter filter, CancellationToken ct)
    {
        if (filter.From is { } from)
        {
            var start = TurkeyTime.StartOfDay(from);
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = TurkeyTime.StartOfDay(to.AddDays(1));
            query = query.Where(e => e.OccurredAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            var pattern = "%" + Like(filter.Person.Trim()) + "%";
            var people = db.Users.Where(u => EF.Functions.ILike(u.FullName, pattern, "\\") || EF.Functions.ILike(u.Tckn, pattern, "\\")).Select(u => (Guid?)u.Id);
            query = query.Where(e => people.Contains(e.UserId) || (e.UserName != null && EF.Functions.ILike(e.UserName, pattern, "\\")));
        }

        if (!string.IsNullOrWhiteSpace(filter.OrderNumber))
        {
            var parsed = DocumentNumber.Parse(filter.OrderNumber.Trim());
            var ids = parsed.IsSuccess
                ? await db.PaymentOrders.AsNoTracking().Where(o => o.Number == parsed.Value).Select(o => o.Id).ToListAsync(ct)
                : [];
            var keys = ids.Select(i => i.ToString("D")).ToList();
            query = query.Where(e => e.EntityType == nameof(PaymentOrder) && keys.Contains(e.EntityId));
        }

        return query;
    }

    private async Task<IReadOnlyList<AuditLogRow>> DescribeAsync(List<AuditEntry> entries, CancellationToken ct)
    {
        var userIds = entries.Where(e => e.UserId is not null).Select(e => e.UserId!.Value)
            .Concat(entries.Where(e => e.EntityType is "MysUser" or "Login").Select(e => Guid.TryParse(e.EntityId, out var id) ? id : Guid.Empty))
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var orderIds = entries.Where(e => e.EntityType == nameof(PaymentOrder)).Select(e => Guid.TryParse(e.EntityId, out var id) ? id : Guid.Empty).Distinct().ToList();
        var orders = await db.PaymentOrders.AsNoTracking().Where(o => orderIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Number, o.Version }).ToDictionaryAsync(o => o.Id, o => $"{o.Number.Value} (sürüm {o.Version})", ct);
        var assignmentIds = entries.Where(e => e.EntityType == nameof(RoleAssignment)).Select(e => Guid.TryParse(e.EntityId, out var id) ? id : Guid.Empty).Distinct().ToList();
        var assignments = await (from a in db.RoleAssignments.AsNoTracking()
                                 join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                                 where assignmentIds.Contains(a.Id)
                                 select new { a.Id, a.Role, u.FullName }).ToDictionaryAsync(a => a.Id, a => $"{a.FullName} · {a.Role.TurkishName()}", ct);

        var unitIds = entries.Where(e => e.EntityType is "SpendingUnit" or "AccountingUnit").Select(e => Guid.TryParse(e.EntityId, out var id) ? id : Guid.Empty).Distinct().ToList();
        var units = (await db.SpendingUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Concat(await db.AccountingUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => u.Name);

        string Record(AuditEntry e)
        {
            var id = Guid.TryParse(e.EntityId, out var parsed) ? parsed : Guid.Empty;
            return e.EntityType switch
            {
                nameof(PaymentOrder) when orders.TryGetValue(id, out var order) => order,
                nameof(RoleAssignment) when assignments.TryGetValue(id, out var assignment) => assignment,
                "MysUser" or "Login" when names.TryGetValue(id, out var name) => name,
                "SpendingUnit" or "AccountingUnit" when units.TryGetValue(id, out var unit) => unit,
                _ => e.EntityId,
            };
        }

        return entries.Select(e => new AuditLogRow(
            e.Id,
            e.OccurredAt,
            e.UserId is { } user && names.TryGetValue(user, out var who) ? who : AuditEventNames.ActorName(e.UserName ?? "system"),
            Enum.TryParse<Role>(e.Role, out var role) ? role : null,
            e.Action,
            AuditEventNames.EventName(e.Action),
            AuditEventNames.RecordName(e.EntityType),
            Record(e),
            ReadableDetails(e.Changes),
            e.IpAddress)).ToList();
    }

    /// <summary>The details JSON indented, with Turkish letters and '+' as they are (not <c>\u002B</c>).</summary>
    public static string? ReadableDetails(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Readable);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string Like(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
