using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Identity;

/// <summary>The user's own details, the row version the profile form posts back, and their roles with each unit's name.</summary>
public sealed record OwnProfile(
    string FullName, string Title, string Tckn, DateTimeOffset? PasswordChangedAt, string? Email, string? Phone, uint FormVersion,
    IReadOnlyList<(string Role, string Unit)> Roles);

/// <summary>Any logged-in user looks at their own profile.</summary>
public sealed class ViewOwnProfile(MysDbContext db)
{
    public async Task<OwnProfile> RunAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == actor.Id, ct);
        var formVersion = await db.Users.Where(u => u.Id == user.Id).Select(u => EF.Property<uint>(u, RowVersion.Property)).SingleAsync(ct);
        var spending = await db.SpendingUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var accounting = await db.AccountingUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var roles = actor.Assignments
            .Select(a => (a.Role.TurkishName(), a.UnitId is { } id ? spending.GetValueOrDefault(id) ?? accounting.GetValueOrDefault(id) ?? "?" : "Tüm kurum"))
            .ToList();
        return new OwnProfile(user.FullName, user.Title, user.Tckn, user.PasswordChangedAt, user.Email, user.PhoneNumber, formVersion, roles);
    }
}
