using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mys.Signing.Infrastructure.Persistence;

/// <summary>
/// An aggregate's row version covers its child rows. When only an owned row in another table changed (an ÖEB's
/// attachment, its invoice fields, an accounting line), PostgreSQL would not touch the aggregate's row, so its
/// <c>xmin</c> would neither be checked against the version a form was read at nor move for everyone who read it
/// before. Before each save the root row is therefore updated too: one of its columns is written with the value it
/// has (the audit trail records no change for it), which checks and moves the row version in the same transaction.
/// </summary>
internal static class AggregateVersions
{
    public static void TouchRootsOfChangedChildren(ChangeTracker tracker)
    {
        List<EntityEntry>? children = null;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Metadata.IsOwned()
                && !string.Equals(entry.Metadata.GetTableName(), RootType(entry.Metadata).GetTableName(), StringComparison.Ordinal))
            {
                (children ??= []).Add(entry);
            }
        }

        if (children is null)
        {
            return;
        }

        // Owners by type and key, to walk from a child (also a removed one, which its owner no longer lists) up to its root.
        var owners = new Dictionary<(IEntityType Type, object Key), EntityEntry>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Metadata.FindPrimaryKey() is { Properties: [var key] } && entry.Property(key.Name).CurrentValue is { } value)
            {
                owners.TryAdd(((IEntityType)entry.Metadata, value), entry);
            }
        }

        foreach (var child in children)
        {
            // Also a root already Modified: a form's version set as the token's original value makes it so, yet writes no column.
            if (RootOf(child, owners) is { State: EntityState.Unchanged or EntityState.Modified } root && WrittenToTouch(root) is { } property)
            {
                property.IsModified = true;
            }
        }
    }

    private static IReadOnlyEntityType RootType(IReadOnlyEntityType type)
    {
        while (type.FindOwnership() is { } ownership)
        {
            type = ownership.PrincipalEntityType;
        }

        return type;
    }

    private static EntityEntry? RootOf(EntityEntry entry, Dictionary<(IEntityType Type, object Key), EntityEntry> owners)
    {
        while (entry.Metadata.FindOwnership() is { Properties: [var foreignKey] } ownership)
        {
            var property = entry.Property(foreignKey.Name);
            var ownerKey = entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
            if (ownerKey is null || !owners.TryGetValue((ownership.PrincipalEntityType, ownerKey), out var owner))
            {
                return null;
            }

            entry = owner;
        }

        return entry;
    }

    /// <summary>A plain column of the root that is only ever written by the application (not its key, not generated, not the version).</summary>
    private static PropertyEntry? WrittenToTouch(EntityEntry root)
    {
        if (root.Metadata.GetProperties().All(p => !p.IsConcurrencyToken))
        {
            return null;
        }

        var property = root.Metadata.GetProperties()
            .FirstOrDefault(p => !p.IsPrimaryKey() && !p.IsConcurrencyToken && p.ValueGenerated == ValueGenerated.Never && !p.IsShadowProperty());
        return property is null ? null : root.Property(property.Name);
    }
}
