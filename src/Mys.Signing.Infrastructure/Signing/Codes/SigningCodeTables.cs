using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Signing.Codes;

/// <summary>The signing codes and the code look-up throttle. Declared here rather than on <see cref="MysDbContext"/>, so that Persistence knows no feature folder.</summary>
public static class SigningCodeTables
{
    extension(MysDbContext db)
    {
        public DbSet<SigningCode> SigningCodes => db.Set<SigningCode>();

        public DbSet<CodeLookupThrottle> CodeLookupThrottles => db.Set<CodeLookupThrottle>();
    }
}
