using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>The contact fields a user may change on their own profile, with the row version the form was read at.</summary>
public sealed record ProfileChange(string? Email, string? Phone, uint FormVersion);

/// <summary>The user changes their own e-mail and phone; a form read before someone else's change is refused. Audited (field changes).</summary>
public sealed class UpdateOwnProfile(MysDbContext db, ILogger<UpdateOwnProfile> logger)
{
    public static readonly Refusal Stale = new(RefusalKind.Conflict, "PROFILE_STALE",
        "Profiliniz siz düzenlerken değiştirildi. Güncel bilgiler aşağıda; değişikliğinizi yeniden yapın.");

    public async Task<Refusal?> RunAsync(Actor actor, ProfileChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        var user = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        db.Entry(user).Property<uint>(RowVersion.Property).OriginalValue = change.FormVersion;
        var result = user.UpdateProfile(user.FullName, user.Title, change.Email, change.Phone);
        if (!result.IsSuccess)
        {
            logger.LogInformation("Profile update refused for {UserId}: {Code}", user.Id, result.Error!.Code);
            return ManagedAccounts.Refused(result.Error);
        }

        return await db.TrySaveChangesAsync(logger, ct) ? null : Stale;
    }
}
