using System.Security.Cryptography;
using System.Text;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Infrastructure.Tests.Storage;

/// <summary>
/// What every attachment store does, whatever holds the bytes: run against PostgreSQL and against the real S3 server
/// (<see cref="PostgresAttachmentStoreTests"/>, <see cref="S3AttachmentStoreTests"/>).
/// </summary>
[Collection(AttachmentStoreCollection.Name)]
public abstract class AttachmentStoreContract
{
    protected const long Limit = 50L * 1024 * 1024;

    protected abstract IAttachmentStore Store();

    /// <summary>How much the store reads at a time (a chunk, a part): it may read that far past a limit before refusing.</summary>
    protected abstract int BlockSize { get; }

    /// <summary>How many pieces of content the store holds (chunks, objects): a refused upload must not add one.</summary>
    protected abstract Task<long> StoredPiecesAsync();

    protected static byte[] Pdf(string body = "1 0 obj << /Type /Catalog >> endobj") =>
        Encoding.ASCII.GetBytes($"%PDF-1.7\n{body}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

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
        var piecesBefore = await StoredPiecesAsync();

        var result = await Store().SaveAsync(new MemoryStream(bytes), declared, Limit, default);

        result.IsSuccess.ShouldBeFalse(name);
        result.Error!.Code.ShouldBe(code, name);
        result.Error.Message.ShouldNotBeNullOrWhiteSpace();
        (await StoredPiecesAsync()).ShouldBe(piecesBefore);
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
        endless.BytesRead.ShouldBeLessThanOrEqualTo((3L * 1024 * 1024) + BlockSize);
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

    [Fact]
    public async Task The_same_content_twice_is_kept_once_and_the_second_save_says_it_was_already_stored()
    {
        var bytes = Pdf($"% {Guid.NewGuid()}");
        var first = await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Pdf, Limit, default);
        var pieces = await StoredPiecesAsync();

        var second = await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Pdf, Limit, default);
        var generated = await Store().SaveGeneratedAsync(bytes, ContentKind.Pdf, default);

        first.Value.AlreadyStored.ShouldBeFalse();
        second.Value.AlreadyStored.ShouldBeTrue();
        generated.AlreadyStored.ShouldBeTrue();
        second.Value.Sha256.ShouldBe(first.Value.Sha256);
        (await StoredPiecesAsync()).ShouldBe(pieces);
    }

    /// <summary>A PDF-looking stream of the given length that counts how much of it was read.</summary>
    protected sealed class CountingPdfStream(long totalBytes) : Stream
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

/// <summary>Runs the store contracts one class at a time and alone: the memory bound is measured process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AttachmentStoreCollection
{
    public const string Name = "Attachment stores";
}
