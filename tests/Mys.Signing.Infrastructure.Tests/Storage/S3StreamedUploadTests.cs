using System.Security.Cryptography;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Infrastructure.Tests.Storage;

/// <summary>
/// An upload larger than one part is sent to the bucket while it arrives, under a random upload key its row names, and
/// completed only if every check passes and its SHA-256 is not recorded yet (real S3 server: Swift with s3api).
/// </summary>
public sealed class S3StreamedUploadTests(MigratedDatabase database, ObjectStoreBucket bucket)
    : IClassFixture<MigratedDatabase>, IClassFixture<ObjectStoreBucket>
{
    private const long Limit = 100L * 1024 * 1024;

    private long TwoAndAHalfParts => (2L * bucket.Settings.PartSize) + (bucket.Settings.PartSize / 2);

    [Fact]
    public async Task A_multipart_upload_is_kept_under_the_upload_key_its_row_names_and_reads_back_whole()
    {
        var bytes = Png(TwoAndAHalfParts);

        var saved = (await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Png, Limit, default)).Value;

        var key = await ObjectKeyAsync(saved.Sha256);
        key.ShouldStartWith(bucket.Settings.UploadPrefix);
        saved.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        (await bucket.ObjectsAsync()).Single(o => o.Key == key).Size.ShouldBe(bytes.Length);
        await using var back = (await Store().OpenReadAsync(saved.Sha256, default))!;
        (await AttachmentHashing.Sha256Async(back, default)).ShouldBe(SHA256.HashData(bytes));
        Convert.ToHexStringLower((await Store().ComputeSha256Async(saved.Sha256, default))!).ShouldBe(saved.Sha256);
        (await PendingUploadsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_upload_over_the_limit_after_parts_were_sent_is_aborted_and_leaves_no_object_and_no_row()
    {
        var bytes = Png(TwoAndAHalfParts);
        var objectsBefore = await UploadObjectsAsync();

        var result = await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Png, 2L * bucket.Settings.PartSize, default);

        result.Error!.Code.ShouldBe("FILE_TOO_LARGE");
        (await UploadObjectsAsync()).ShouldBe(objectsBefore);
        (await PendingUploadsAsync()).ShouldBeEmpty();
        (await RowsAsync(bytes)).ShouldBe(0);
    }

    [Fact]
    public async Task An_upload_the_callers_check_refuses_at_its_end_is_aborted_and_leaves_no_object_and_no_row()
    {
        var bytes = Png(TwoAndAHalfParts);
        var objectsBefore = await UploadObjectsAsync();

        var result = await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Png, Limit, _ => new RefusedAtTheEnd(), default);

        result.Error!.Code.ShouldBe("REFUSED_AT_THE_END");
        (await UploadObjectsAsync()).ShouldBe(objectsBefore);
        (await PendingUploadsAsync()).ShouldBeEmpty();
        (await RowsAsync(bytes)).ShouldBe(0);
    }

    [Fact]
    public async Task A_duplicate_upload_is_dropped_and_the_content_stays_one_object_named_by_one_row()
    {
        var bytes = Png(TwoAndAHalfParts);

        var first = (await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Png, Limit, default)).Value;
        var objectsAfterFirst = await UploadObjectsAsync();
        var second = (await Store().SaveAsync(new MemoryStream(bytes), ContentKind.Png, Limit, default)).Value;

        first.AlreadyStored.ShouldBeFalse();
        second.AlreadyStored.ShouldBeTrue();
        second.Sha256.ShouldBe(first.Sha256);
        (await UploadObjectsAsync()).ShouldBe(objectsAfterFirst);
        (await PendingUploadsAsync()).ShouldBeEmpty();
        (await RowsAsync(bytes)).ShouldBe(1);
        objectsAfterFirst.ShouldContain(await ObjectKeyAsync(first.Sha256));
    }

    [Fact]
    public async Task An_interrupted_upload_leaves_no_row_and_what_a_crash_leaves_behind_is_purged()
    {
        var bytes = Png(TwoAndAHalfParts);
        var objectsBefore = await UploadObjectsAsync();

        await Should.ThrowAsync<IOException>(() => Store().SaveAsync(new BreaksAfter(bytes, 2 * bucket.Settings.PartSize), ContentKind.Png, Limit, default));

        (await RowsAsync(bytes)).ShouldBe(0);
        (await UploadObjectsAsync()).ShouldBe(objectsBefore);
        (await PendingUploadsAsync()).ShouldBeEmpty();

        // A process killed mid-upload leaves its multipart upload; one killed between completing and recording, an object.
        var kept = (await Store().SaveAsync(new MemoryStream(Png(TwoAndAHalfParts)), ContentKind.Png, Limit, default)).Value;
        var leftKey = bucket.Settings.NewUploadKey();
        await bucket.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket.Settings.Bucket, Key = bucket.Settings.NewUploadKey() });
        await bucket.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Settings.Bucket, Key = leftKey, InputStream = new MemoryStream(bytes), UseChunkEncoding = false });

        var notYet = await Purge().PurgeAsync(DateTimeOffset.UtcNow.AddHours(-1), default);
        var purged = await Purge().PurgeAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);

        notYet.ShouldBe(new PurgedUploads(0, 0));
        purged.ShouldBe(new PurgedUploads(1, 1));
        (await PendingUploadsAsync()).ShouldBeEmpty();
        (await UploadObjectsAsync()).ShouldNotContain(leftKey);
        (await UploadObjectsAsync()).ShouldContain(await ObjectKeyAsync(kept.Sha256));
        await using var back = (await Store().OpenReadAsync(kept.Sha256, default))!;
        Convert.ToHexStringLower(await AttachmentHashing.Sha256Async(back, default)).ShouldBe(kept.Sha256);
    }

    private S3AttachmentStore Store() => bucket.Store(database);

    private AbandonedUploadPurge Purge() =>
        new(bucket.Client, bucket.Settings, Npgsql.NpgsqlDataSource.Create(database.Database.ConnectionString), NullLogger<AbandonedUploadPurge>.Instance);

    private static byte[] Png(long size)
    {
        var bytes = RandomNumberGenerator.GetBytes((int)size);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    private async Task<string> ObjectKeyAsync(string sha256) =>
        await database.Database.ScalarAsync<string>($"SELECT \"ObjectKey\" FROM \"AttachmentBlobs\" WHERE \"Sha256\" = '{sha256}'")
        ?? throw new InvalidOperationException($"Content {sha256} has no object key.");

    private async Task<long> RowsAsync(byte[] bytes) =>
        await database.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AttachmentBlobs\" WHERE \"Sha256\" = '{Convert.ToHexStringLower(SHA256.HashData(bytes))}'");

    private async Task<List<string>> UploadObjectsAsync() =>
        [.. (await bucket.ObjectsAsync()).Select(o => o.Key).Where(k => k.StartsWith(bucket.Settings.UploadPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private async Task<List<string>> PendingUploadsAsync()
    {
        var listing = await bucket.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket.Settings.Bucket });
        return [.. (listing.MultipartUploads ?? []).Select(u => u.Key)];
    }

    private sealed class RefusedAtTheEnd : AttachmentContentCheck
    {
        public override DomainError? Finish() => new("REFUSED_AT_THE_END", "Son baytlar reddedildi.");

        protected override DomainError? Inspect(ReadOnlySpan<byte> chunk) => null;
    }

    /// <summary>A client that goes away: the connection breaks after <c>breakAt</c> bytes.</summary>
    private sealed class BreaksAfter(byte[] bytes, long breakAt) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= breakAt ? throw new IOException("The client went away.") : base.Read(buffer, offset, (int)Math.Min(count, breakAt - Position));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var array = new byte[buffer.Length];
            var read = Read(array, 0, array.Length);
            array.AsSpan(0, read).CopyTo(buffer.Span);
            return ValueTask.FromResult(read);
        }
    }
}
