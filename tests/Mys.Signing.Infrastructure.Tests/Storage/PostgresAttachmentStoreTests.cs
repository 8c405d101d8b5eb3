using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Storage;
/// <summary>The PostgreSQL store: the shared contract, and how it keeps bytes (1 MiB chunks, found by primary key).</summary>
public sealed class PostgresAttachmentStoreTests(MigratedDatabase fixture) : AttachmentStoreContract, IClassFixture<MigratedDatabase>
{
    protected override int BlockSize => PostgresAttachmentStore.ChunkSize;

    protected override IAttachmentStore Store() => PgStore();

    protected override async Task<long> StoredPiecesAsync() => await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentChunks\"");

    private PostgresAttachmentStore PgStore() =>
        new(NpgsqlDataSource.Create(fixture.Database.ConnectionString), TimeProvider.System, NullLogger<PostgresAttachmentStore>.Instance);

    [Fact]
    public async Task A_multi_chunk_image_round_trips_and_is_split_into_one_mebibyte_chunks()
    {
        var bytes = new byte[(5 * PostgresAttachmentStore.ChunkSize) + 123];
        Random.Shared.NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);

        var result = await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Png, Limit, default);

        result.IsSuccess.ShouldBeTrue();
        (await ChunkCountAsync(result.Value.Sha256)).ShouldBe(6);
        await using var stream = (await Store().OpenReadAsync(result.Value.Sha256, default))!;
        SHA256.HashData(stream).ShouldBe(SHA256.HashData(bytes));
    }

    [Fact]
    public async Task Reading_content_whose_middle_chunk_is_missing_fails_loudly_instead_of_returning_short_content()
    {
        var bytes = new byte[(3 * PostgresAttachmentStore.ChunkSize) + 7];
        Random.Shared.NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        var sha = (await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Png, Limit, default)).Value.Sha256;
        await fixture.Database.ExecuteAsync(
            "SET session_replication_role = replica; " + // past the retention trigger: this simulates damage, not a deletion the app could make
            $"DELETE FROM \"AttachmentChunks\" c USING \"AttachmentBlobs\" b WHERE b.\"BlobId\" = c.\"BlobId\" AND b.\"Sha256\" = '{sha}' AND c.\"Sequence\" = 1");

        await using var stream = (await Store().OpenReadAsync(sha, default))!;

        var error = await Should.ThrowAsync<InvalidDataException>(() => stream.CopyToAsync(Stream.Null));
        error.Message.ShouldContain("Chunk 1");
    }

    [Fact]
    public async Task The_same_content_twice_is_stored_once()
    {
        var bytes = Pdf($"% {Guid.NewGuid()}");

        var first = await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Pdf, Limit, default);
        var second = await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Pdf, Limit, default);

        first.Value.AlreadyStored.ShouldBeFalse();
        second.Value.AlreadyStored.ShouldBeTrue();
        second.Value.Sha256.ShouldBe(first.Value.Sha256);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AttachmentBlobs\" WHERE \"Sha256\" = '{first.Value.Sha256}'")).ShouldBe(1);
        (await ChunkCountAsync(first.Value.Sha256)).ShouldBe(1);
    }

    [Fact]
    public async Task Reads_find_content_through_the_primary_key_not_a_scan_of_every_blob()
    {
        // One connection, so the statistics below are this connection's reads (flushed on demand, PostgreSQL 15+).
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        var store = new PostgresAttachmentStore(dataSource, TimeProvider.System, NullLogger<PostgresAttachmentStore>.Instance);
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add((await store.SaveAsync(new MemoryStream(Pdf($"% {Guid.NewGuid()}")), ContentKind.Pdf, Limit, default)).Value.Sha256);
        }

        var before = await BlobScansAsync(dataSource);
        foreach (var key in keys)
        {
            await using var stream = (await store.OpenReadAsync(key, default)).ShouldNotBeNull();
            (await store.ComputeSha256Async(key, default)).ShouldNotBeNull();
        }

        var after = await BlobScansAsync(dataSource);
        (after.Sequential - before.Sequential).ShouldBe(0, "a key compared as text cannot use the primary key");
        (after.Index - before.Index).ShouldBeGreaterThanOrEqualTo(2 * keys.Count);
    }

    private static async Task<(long Sequential, long Index)> BlobScansAsync(NpgsqlDataSource dataSource)
    {
        await using var flush = dataSource.CreateCommand("SELECT pg_stat_force_next_flush()");
        await flush.ExecuteNonQueryAsync();
        await using var read = dataSource.CreateCommand(
            "SELECT COALESCE(seq_scan, 0), COALESCE(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'AttachmentBlobs'");
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<long> ChunkCountAsync(string sha) =>
        await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM \"AttachmentChunks\" c JOIN \"AttachmentBlobs\" b ON b.\"BlobId\" = c.\"BlobId\" WHERE b.\"Sha256\" = '{sha}'");

}
