using Mys.Signing.Infrastructure.Auditing;

namespace Mys.Signing.Infrastructure.Tests.Auditing;

/// <summary>
/// Each way a superuser can tamper with the partitioned audit trail (triggers off), and what <see cref="AuditChainVerifier"/>
/// reports: one partition of 6 rows, anchored after the 6th unless the test says otherwise.
/// </summary>
public sealed class AuditTamperingTests
{
    private const string Entity = "tampered";
    private static readonly short Lane = AuditPartitions.PreferredFor("Probe", Entity);

    [Fact]
    public async Task An_untouched_partitioned_trail_with_its_anchor_verifies()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        var rows = await trail.WriteEventsAsync(Entity, 6);
        await trail.AnchorAsync();

        rows.Select(r => r.Sequence).ShouldBe([1L, 2, 3, 4, 5, 6]);
        var report = await trail.VerifyAsync();
        report.IsIntact.ShouldBeTrue(string.Join(", ", report.Problems));
        report.AnchorsChecked.ShouldBe(1);
    }

    [Fact]
    public async Task A_modified_entry_is_reported_as_changed()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        var rows = await trail.WriteEventsAsync(Entity, 6);
        await trail.AnchorAsync();

        await trail.TamperAsync($$"""UPDATE "AuditEntries" SET "Changes" = '{"n":99}' WHERE "Id" = {{rows[2].Id}}""");

        (await trail.VerifyAsync()).Problems.ShouldContain(p => p.EntryId == rows[2].Id && p.Kind == AuditChainProblemKind.ContentChanged);
    }

    [Fact]
    public async Task An_entry_deleted_in_the_middle_leaves_a_sequence_gap_and_a_broken_link()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        var rows = await trail.WriteEventsAsync(Entity, 6);
        await trail.AnchorAsync();

        await trail.TamperAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {rows[2].Id}""");

        var problems = (await trail.VerifyAsync()).Problems;
        problems.ShouldContain(p => p.EntryId == rows[3].Id && p.Kind == AuditChainProblemKind.SequenceGap);
        problems.ShouldContain(p => p.EntryId == rows[3].Id && p.Kind == AuditChainProblemKind.PredecessorMissing);
    }

    [Fact]
    public async Task An_anchored_tail_cut_off_is_reported_by_the_anchor()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        var rows = await trail.WriteEventsAsync(Entity, 6);
        await trail.AnchorAsync();

        // The remaining rows 1..4 are a perfect chain on their own: only the anchor knows there was a 5 and a 6.
        await trail.TamperAsync($"""DELETE FROM "AuditEntries" WHERE "Id" IN ({rows[4].Id}, {rows[5].Id})""");

        var problems = (await trail.VerifyAsync()).Problems;
        problems.ShouldHaveSingleItem().Kind.ShouldBe(AuditChainProblemKind.AnchoredEntryMissing);
        problems[0].Detail.ShouldBe($"partition {Lane}, sequence 6");
    }

    [Fact]
    public async Task A_tail_cut_off_after_the_latest_anchor_is_the_window_the_anchor_interval_bounds()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        await trail.WriteEventsAsync(Entity, 4);
        await trail.AnchorAsync();
        var rows = await trail.WriteEventsAsync(Entity, 2);

        // Rows 5 and 6 are not anchored yet: cutting them off is the one undetectable change (docs/scaling.md).
        await trail.TamperAsync($"""DELETE FROM "AuditEntries" WHERE "Id" IN ({rows[4].Id}, {rows[5].Id})""");
        (await trail.VerifyAsync()).IsIntact.ShouldBeTrue();

        // Once anchored, the same cut is found.
        await trail.WriteEventsAsync(Entity, 2);
        await trail.AnchorAsync();
        await trail.TamperAsync($"""DELETE FROM "AuditEntries" WHERE "Partition" = {Lane} AND "Sequence" = 6""");
        (await trail.VerifyAsync()).Problems.ShouldContain(p => p.Kind == AuditChainProblemKind.AnchoredEntryMissing);
    }

    [Fact]
    public async Task An_inserted_entry_is_a_fork_and_a_rechained_insertion_breaks_the_anchor()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        var rows = await trail.WriteEventsAsync(Entity, 6);
        await trail.AnchorAsync();

        // A row slipped in after row 3 with the position and hash it would have had: row 4 now has a twin.
        var forged = AuditTrailUnderAttack.Copy(rows[3]);
        forged.Changes = """{"n":"forged"}""";
        await trail.RewriteTailAsync(Lane, 4, [forged, .. rows.Skip(3)]);

        // Re-numbered and re-hashed to the end, the chain itself is perfect again; the anchored position 6 is not the anchored row.
        var problems = (await trail.VerifyAsync()).Problems;
        problems.ShouldHaveSingleItem().Kind.ShouldBe(AuditChainProblemKind.AnchoredEntryChanged);

        // Without re-numbering the rest, the insertion is a duplicate position.
        await using var second = await AuditTrailUnderAttack.CreateAsync();
        var original = await second.WriteEventsAsync(Entity, 6);
        await second.AnchorAsync();
        await using (var db = second.NewContext())
        {
            var twin = AuditTrailUnderAttack.Copy(original[3]);
            twin.Changes = """{"n":"forged"}""";
            twin.Hash = AuditCanonicalForm.ComputeHash(twin.PreviousHash, twin);
            db.AuditEntries.Add(twin);
            await second.TamperAsync("""DROP INDEX "IX_AuditEntries_Partition_Sequence" """);
            await db.SaveChangesAsync();
        }

        (await second.VerifyAsync()).Problems.ShouldContain(p => p.Kind == AuditChainProblemKind.Fork);
    }

    [Fact]
    public async Task A_reordered_entry_changes_hashes_and_a_rechained_reordering_breaks_the_anchor()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        var rows = await trail.WriteEventsAsync(Entity, 6);
        await trail.AnchorAsync();

        // Rows 2 and 3 swap places: their position is part of what they hash.
        await trail.TamperAsync($"""
            UPDATE "AuditEntries" SET "Sequence" = -1 WHERE "Id" = {rows[1].Id};
            UPDATE "AuditEntries" SET "Sequence" = 2 WHERE "Id" = {rows[2].Id};
            UPDATE "AuditEntries" SET "Sequence" = 3 WHERE "Id" = {rows[1].Id}
            """);
        var problems = (await trail.VerifyAsync()).Problems;
        problems.ShouldContain(p => p.EntryId == rows[1].Id && p.Kind == AuditChainProblemKind.ContentChanged);
        problems.ShouldContain(p => p.EntryId == rows[2].Id && p.Kind == AuditChainProblemKind.ContentChanged);

        // Re-hashed in the new order: only the anchor still knows the old one.
        await trail.RewriteTailAsync(Lane, 2, [rows[2], rows[1], .. rows.Skip(3)]);
        (await trail.VerifyAsync()).Problems.ShouldHaveSingleItem().Kind.ShouldBe(AuditChainProblemKind.AnchoredEntryChanged);
    }

    [Fact]
    public async Task Changed_or_removed_anchors_are_reported_and_rewritten_anchors_fail_against_the_recorded_one()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        await trail.WriteEventsAsync(Entity, 2);
        var first = await trail.AnchorAsync();
        await trail.WriteEventsAsync(Entity, 2);
        var second = await trail.AnchorAsync();
        await trail.WriteEventsAsync(Entity, 2);
        var third = await trail.AnchorAsync();
        (await trail.VerifyAsync(new RecordedAnchor(second.Id, second.Hash))).IsIntact.ShouldBeTrue();

        await trail.TamperAsync($"""UPDATE "AuditAnchors" SET "Heads" = replace("Heads", '[{Lane},4,', '[{Lane},3,') WHERE "Id" = {second.Id}""");
        (await trail.VerifyAsync()).Problems.ShouldContain(p => p.EntryId == second.Id && p.Kind == AuditChainProblemKind.AnchorChanged);

        await trail.TamperAsync($"""DELETE FROM "AuditAnchors" WHERE "Id" = {second.Id}""");
        (await trail.VerifyAsync()).Problems.ShouldContain(p => p.EntryId == third.Id && p.Kind == AuditChainProblemKind.AnchorChainBroken);

        // A forger who rewrites the rows and every anchor after them leaves a consistent database; the anchor kept
        // outside (printed by an earlier 'mys audit verify') is what no longer matches.
        var rows = await trail.PartitionAsync(Lane);
        await trail.TamperAsync($"""DELETE FROM "AuditAnchors" WHERE "Id" >= {first.Id}""");
        var forged = AuditTrailUnderAttack.Copy(rows[0]);
        forged.Changes = """{"n":"forged"}""";
        await trail.RewriteTailAsync(Lane, 1, [forged, .. rows.Skip(1)]);
        await trail.AnchorAsync();
        (await trail.VerifyAsync()).IsIntact.ShouldBeTrue();
        (await trail.VerifyAsync(new RecordedAnchor(third.Id, third.Hash))).Problems.ShouldHaveSingleItem().Kind.ShouldBe(AuditChainProblemKind.AnchorNotAsRecorded);
    }

    [Fact]
    public async Task Rows_older_than_the_grace_period_without_an_anchor_are_reported()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        await trail.AnchorAsync(); // the rows the migrator's seeding wrote
        var rows = await trail.WriteEventsAsync(Entity, 3);

        (await trail.VerifyAsync()).IsIntact.ShouldBeTrue();
        var later = DateTimeOffset.UtcNow + AuditChainVerifier.DefaultUnanchoredGrace + TimeSpan.FromMinutes(1);
        (await trail.VerifyAsync(now: later)).Problems.ShouldHaveSingleItem().ShouldBe(
            new AuditChainProblem(rows[0].Id, AuditChainProblemKind.NotAnchored, $"partition {Lane}, sequence 1"));

        await trail.AnchorAsync();
        (await trail.VerifyAsync(now: later)).IsIntact.ShouldBeTrue();
    }
}
