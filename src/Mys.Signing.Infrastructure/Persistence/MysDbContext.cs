using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Identity;

namespace Mys.Signing.Infrastructure.Persistence;

/// <summary>
/// The one database context. Every SaveChanges writes the audit rows for what changed in the same transaction,
/// chained to the head of one of the audit partitions under that partition's PostgreSQL advisory lock (so several app
/// instances keep unbroken chains without queueing behind one lock; see <see cref="AuditPartitions"/>).
/// It names only the domain's entities, the audit rows and the identity tables; each feature folder of this project
/// declares its own tables as extension properties (e.g. <c>SigningTables</c>) and its configuration is found by the
/// assembly scan, so Persistence depends on no feature folder and the folders' stores may depend on it.
/// </summary>
public sealed class MysDbContext(DbContextOptions<MysDbContext> options, IAuditActorAccessor actors, TimeProvider clock)
    : IdentityDbContext<MysUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    private readonly List<PendingAuditRecord> _events = [];

    // The partition whose lock the current transaction holds: its later saves append there too (one lock per transaction).
    private (Guid Transaction, short Partition)? _claimed;

    public DbSet<Institution> Institutions => Set<Institution>();

    public DbSet<SpendingUnit> SpendingUnits => Set<SpendingUnit>();

    public DbSet<AccountingUnit> AccountingUnits => Set<AccountingUnit>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SignedPaymentOrderDocument> SignedPaymentOrderDocuments => Set<SignedPaymentOrderDocument>();

    public DbSet<LoginChallenge> LoginChallenges => Set<LoginChallenge>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();

    public DbSet<PaymentOrder> PaymentOrders => Set<PaymentOrder>();

    /// <summary>Records an event that is not a field change (a login, a refused attempt, a role grant's reason) with the next save.</summary>
    public void RecordEvent(string action, string entityType, string entityId, string? detailsJson = null) =>
        _events.Add(new PendingAuditRecord(entityType, () => entityId, action, detailsJson));

    /// <summary>Drops events recorded for a save that will not happen (its transaction was rolled back).</summary>
    public void DiscardPendingEvents() => _events.Clear();

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        AggregateVersions.TouchRootsOfChangedChildren(ChangeTracker);
        var records = ChangeCollector.Collect(ChangeTracker);
        records.AddRange(_events);
        if (records.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // Save the business rows first so generated keys are known, then append the audit rows.
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            await AppendAuditAsync(records, cancellationToken);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            _events.Clear();
            return saved;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(MysDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    private async Task AppendAuditAsync(List<PendingAuditRecord> records, CancellationToken cancellationToken)
    {
        var transaction = Database.CurrentTransaction!.TransactionId;
        if (_claimed is not { } claimed || claimed.Transaction != transaction)
        {
            var preferred = AuditPartitions.PreferredFor(records[0].EntityType, records[0].EntityId());
            claimed = (transaction, await AuditPartitions.ClaimAsync(this, preferred, cancellationToken));
            _claimed = claimed;
        }

        var partition = claimed.Partition;
        var head = await AuditEntries.AsNoTracking()
            .Where(e => e.Partition == partition)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var previous = head?.Hash ?? AuditCanonicalForm.GenesisHash;
        var sequence = head?.Sequence ?? 0;

        var actor = actors.Current;
        var at = AuditCanonicalForm.TruncateToMicroseconds(clock.GetUtcNow());
        foreach (var record in records)
        {
            var entry = new AuditEntry
            {
                OccurredAt = at,
                UserId = actor.UserId,
                UserName = actor.UserName,
                Role = actor.Role,
                UnitId = actor.UnitId,
                EntityType = record.EntityType,
                EntityId = record.EntityId(),
                Action = record.Action,
                Changes = record.Changes,
                IpAddress = actor.IpAddress,
                UserAgent = actor.UserAgent is { Length: > 400 } ua ? ua[..400] : actor.UserAgent,
                CorrelationId = actor.CorrelationId,
                Partition = partition,
                Sequence = ++sequence,
                PreviousHash = previous,
            };
            entry.Hash = AuditCanonicalForm.ComputeHash(previous, entry);
            previous = entry.Hash;
            AuditEntries.Add(entry);
        }
    }
}
