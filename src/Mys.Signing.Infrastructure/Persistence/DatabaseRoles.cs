using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Infrastructure.Persistence;

/// <summary>
/// Gives the role the app runs as what it needs and no more: read/write on business tables, but only
/// SELECT and INSERT on the audit trail (the trail's triggers refuse changes from any role as well).
/// Run by the migrator (owner) after migrations.
/// </summary>
public static class DatabaseRoles
{
    public static async Task GrantAppRoleAsync(MysDbContext db, string appRole, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(appRole) || !appRole.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("Role name must be letters, digits and underscores.", nameof(appRole));
        }

        // The role name is validated above; identifiers cannot be parameters.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync(
            $"""
            DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{appRole}') THEN
                GRANT USAGE ON SCHEMA public TO {appRole};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {appRole};
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {appRole};
                REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries" FROM {appRole};
                REVOKE UPDATE, DELETE, TRUNCATE ON "AuditAnchors" FROM {appRole};
                REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM {appRole};
              END IF;
            END $$;
            """,
            cancellationToken);
#pragma warning restore EF1002
    }
}
