using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Signing;

/// <summary>The signing sessions' table. Declared here rather than on <see cref="MysDbContext"/>, so that Persistence knows no feature folder.</summary>
public static class SigningTables
{
    extension(MysDbContext db)
    {
        public DbSet<SigningSession> SigningSessions => db.Set<SigningSession>();
    }
}
