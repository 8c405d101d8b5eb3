using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Storage;

public sealed class AttachmentStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private const long Limit = 50L * 1024 * 1024;

    private static byte[] Pdf(string body = "1 0 obj << /Type /Catalog >> endobj") =>
        Encoding.ASCII.GetBytes($"%PDF-1.7\n{body}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private PostgresAttachmentStore Store() =>
        new(NpgsqlDataSource.Create(fixture.Database.ConnectionString), TimeProvider.System, NullLogger<PostgresAttachmentStore>.Instance);

    [Fact]
    public async Task A_pdf_is_stored_under_its_sha256_and_read_back_byte_for_byte()
    {
        var bytes = Pdf($"% {Guid.NewGuid()}");

        var result = await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Pdf, Limit, default);

        result.IsSuccess.ShouldBeTrue(result.Error?.ToString());
        result.Value.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        result.Value.Size.ShouldBe(bytes.Length);
        await using var stream = (await Store().OpenReadAsync(result.Value.Sha256, default))!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        copy.ToArray().ShouldBe(bytes);
    }

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
    public async Task A_multi_chunk_blob_reads_back_the_same_into_one_array_of_its_length_and_through_small_reads()
    {
        var bytes = new byte[(2 * PostgresAttachmentStore.ChunkSize) + 4567];
        Random.Shared.NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        var sha = (await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Png, Limit, default)).Value.Sha256;

        // Whole chunks straight into the caller's array (as signing reads a revision).
        await using (var whole = (await Store().OpenReadAsync(sha, default))!)
        {
            var content = new byte[whole.Length];
            await whole.ReadExactlyAsync(content);
            content.ShouldBe(bytes);
            (await whole.ReadAsync(new byte[16])).ShouldBe(0);
        }

        // Reads smaller than a chunk go through the pooled buffer; a read that can take a whole chunk, straight.
        await using var mixed = (await Store().OpenReadAsync(sha, default))!;
        var back = new byte[bytes.Length];
        await mixed.ReadExactlyAsync(back.AsMemory(0, 1000));
        await mixed.ReadExactlyAsync(back.AsMemory(1000, PostgresAttachmentStore.ChunkSize - 1000));
        await mixed.ReadExactlyAsync(back.AsMemory(PostgresAttachmentStore.ChunkSize));
        back.ShouldBe(bytes);
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

    public static TheoryData<string, byte[], ContentKind, string> Refusals => new()
    {
        { "empty", [], ContentKind.Pdf, "FILE_EMPTY" },
        { "exe as pdf", [.. "MZ"u8, 0x90, 0x00, 0x03, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0], ContentKind.Pdf, "FILE_TYPE_FORBIDDEN" },
        { "elf", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], ContentKind.Pdf, "FILE_TYPE_FORBIDDEN" },
        { "zip", [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0], ContentKind.Pdf, "FILE_TYPE_FORBIDDEN" },
        { "unknown", "just some text"u8.ToArray(), ContentKind.Pdf, "FILE_TYPE_FORBIDDEN" },
        { "png declared as pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], ContentKind.Pdf, "FILE_TYPE_MISMATCH" },
        { "truncated pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nxref\n0 2\n0000000000 65535 f"), ContentKind.Pdf, "PDF_TRUNCATED" },
        { "encrypted pdf", Pdf("trailer << /Encrypt 5 0 R >>"), ContentKind.Pdf, "PDF_ENCRYPTED" },
        { "javascript pdf", Pdf("2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj"), ContentKind.Pdf, "PDF_JAVASCRIPT" },
        { "js action pdf", Pdf("2 0 obj << /JS 3 0 R >> endobj"), ContentKind.Pdf, "PDF_JAVASCRIPT" },
        { "launch pdf", Pdf("2 0 obj << /S /Launch /F (cmd.exe) >> endobj"), ContentKind.Pdf, "PDF_LAUNCH" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_files_are_refused_with_a_turkish_message_and_nothing_is_stored(string name, byte[] bytes, ContentKind declared, string code)
    {
        var chunksBefore = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentChunks\"");

        var result = await Store().SaveAsync(new MemoryStream(bytes), declared, Limit, default);

        result.IsSuccess.ShouldBeFalse(name);
        result.Error!.Code.ShouldBe(code, name);
        result.Error.Message.ShouldNotBeNullOrWhiteSpace();
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentChunks\"")).ShouldBe(chunksBefore);
    }

    [Fact]
    public async Task A_javascript_name_split_across_a_chunk_boundary_is_still_found()
    {
        var prefix = Encoding.ASCII.GetBytes("%PDF-1.7\n% ");
        var body = new byte[PostgresAttachmentStore.ChunkSize - prefix.Length - 5];
        Array.Fill(body, (byte)'x');
        var tail = Encoding.ASCII.GetBytes(" /JavaScript (x) >>\ntrailer <<>>\n%%EOF\n");
        var bytes = prefix.Concat(body).Concat(tail).ToArray();

        var result = await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Pdf, Limit, default);

        result.Error!.Code.ShouldBe("PDF_JAVASCRIPT");
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_while_streaming_not_after_reading_it_all()
    {
        var endless = new CountingPdfStream(totalBytes: 100L * 1024 * 1024);

        var result = await Store().SaveAsync(endless, ContentKind.Pdf, maxBytes: 3L * 1024 * 1024, default);

        result.Error!.Code.ShouldBe("FILE_TOO_LARGE");
        result.Error.Message.ShouldContain("3 MB");
        endless.BytesRead.ShouldBeLessThanOrEqualTo((3L * 1024 * 1024) + PostgresAttachmentStore.ChunkSize);
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

    [Fact]
    public async Task Unknown_content_cannot_be_opened()
    {
        (await Store().OpenReadAsync(new string('0', 64), default)).ShouldBeNull();
    }

    [Fact]
    public async Task Stored_contents_are_hashed_from_their_chunks_several_at_a_time_and_unknown_ones_are_left_out()
    {
        var big = new byte[(3 * PostgresAttachmentStore.ChunkSize) + 7];
        Random.Shared.NextBytes(big);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(big, 0);
        var small = Pdf($"% {Guid.NewGuid()}");
        var bigSha = (await Store().SaveAsync(new MemoryStream(big), ContentKind.Png, Limit, default)).Value.Sha256;
        var smallSha = (await Store().SaveAsync(new MemoryStream(small), ContentKind.Pdf, Limit, default)).Value.Sha256;
        var unknown = new string('0', 64);

        var hashes = await AttachmentHashing.HashAllAsync(Store(), [bigSha, smallSha, bigSha, unknown], default);

        hashes.Count.ShouldBe(2);
        hashes[bigSha].ShouldBe(Convert.ToHexString(SHA256.HashData(big)));
        hashes[smallSha].ShouldBe(Convert.ToHexString(SHA256.HashData(small)));
        (await Store().ComputeSha256Async(unknown, default)).ShouldBeNull();
    }

    private async Task<long> ChunkCountAsync(string sha) =>
        await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM \"AttachmentChunks\" c JOIN \"AttachmentBlobs\" b ON b.\"BlobId\" = c.\"BlobId\" WHERE b.\"Sha256\" = '{sha}'");

    /// <summary>A PDF-looking stream of the given length that counts how much of it was read.</summary>
    private sealed class CountingPdfStream(long totalBytes) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => totalBytes;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, totalBytes - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            if (BytesRead == 0 && n >= 5)
            {
                "%PDF-"u8.CopyTo(buffer.AsSpan(offset));
            }

            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
