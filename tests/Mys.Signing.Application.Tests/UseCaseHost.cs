using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Application.Tests;

/// <summary>Runs use cases on the real app's services, as the demo users.</summary>
internal static class UseCaseHost
{
    /// <summary>Runs <paramref name="run"/> with the use case from a fresh scope (as one request would).</summary>
    public static async Task<TResult> UseAsync<TUseCase, TResult>(this WebAppFixture fixture, Func<TUseCase, Task<TResult>> run)
        where TUseCase : notnull
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    /// <summary>The demo user holding <paramref name="role"/>, with their active assignments.</summary>
    public static async Task<Actor> ActorAsync(this WebAppFixture fixture, Role role)
    {
        var tckn = DemoData.Accounts.Single(a => a.Role == role).Tckn;
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Tckn == tckn);
        return new Actor(user, await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == user.Id && a.RevokedAt == null).ToListAsync());
    }
}
