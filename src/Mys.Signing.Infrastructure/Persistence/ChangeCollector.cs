using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Mys.Signing.Infrastructure.Auditing;

namespace Mys.Signing.Infrastructure.Persistence;

/// <summary>Turns tracked entity changes into audit records: entity, id, action and the changed fields before/after.</summary>
internal static class ChangeCollector
{
    /// <summary>Properties whose values never go into the trail (secrets); a change is recorded as "***".</summary>
    private static readonly HashSet<string> MaskedProperties = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Xml", "PreparedState",
    };

    public static List<PendingAuditRecord> Collect(ChangeTracker tracker)
    {
        var records = new List<PendingAuditRecord>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => "Created",
                EntityState.Deleted => "Deleted",
                _ => "Updated",
            };
            var changes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (property.Metadata.IsShadowProperty() && RowVersion.IsRowVersion(name))
                {
                    continue;
                }

                var masked = MaskedProperties.Contains(name);
                switch (entry.State)
                {
                    case EntityState.Added:
                        changes[name] = new { old = (object?)null, @new = masked ? "***" : Format(property.CurrentValue) };
                        break;
                    case EntityState.Deleted:
                        changes[name] = new { old = masked ? "***" : Format(property.OriginalValue), @new = (object?)null };
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = new
                        {
                            old = masked ? "***" : Format(property.OriginalValue),
                            @new = masked ? "***" : Format(property.CurrentValue),
                        };
                        break;
                }
            }

            // Complex properties (e.g. a payment order's deductions) are not in entry.Properties.
            foreach (var complex in entry.ComplexProperties)
            {
                foreach (var property in complex.Properties)
                {
                    var name = complex.Metadata.Name + "." + property.Metadata.Name;
                    switch (entry.State)
                    {
                        case EntityState.Added:
                            changes[name] = new { old = (object?)null, @new = Format(property.CurrentValue) };
                            break;
                        case EntityState.Deleted:
                            changes[name] = new { old = Format(property.OriginalValue), @new = (object?)null };
                            break;
                        case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                            changes[name] = new { old = Format(property.OriginalValue), @new = Format(property.CurrentValue) };
                            break;
                    }
                }
            }

            if (changes.Count == 0)
            {
                continue;
            }

            var hasTemporaryKey = entry.Properties.Any(p => p.IsTemporary);
            var knownKey = hasTemporaryKey ? null : KeyOf(entry);
            records.Add(new PendingAuditRecord(
                entry.Metadata.ClrType.Name,
                () => knownKey ?? KeyOf(entry),
                action,
                AuditJson.Serialize(changes)));
        }

        return records;
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return string.Empty;
        }

        return string.Join("|", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>An audit record waiting for its actor, time and chain position; the id is read late so database-generated keys are known.</summary>
internal sealed record PendingAuditRecord(string EntityType, Func<string> EntityId, string Action, string? Changes);
