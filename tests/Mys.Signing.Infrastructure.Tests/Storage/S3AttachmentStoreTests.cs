using System.Security.Cryptography;
using Amazon.S3.Model;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Infrastructure.Tests.Storage;

/// <summary>
/// The object-store backend against a real S3 server (Swift with s3api, started by scripts/test.sh): the shared contract,
/// plus what only it has: objects under their SHA-256 (or, streamed, under the key their row names), written once,
/// metadata-only rows, and damage reported clearly.
/// </summary>
public sealed class S3AttachmentStoreTests(MigratedDatabase database, ObjectStoreBucket bucket)
    : AttachmentStoreContract, IClassFixture<MigratedDatabase>, IClassFixture<ObjectStoreBucket>
{
    protected override int BlockSize => bucket.Settings.PartSize;

    protected override IAttachmentStore Store() => S3Store();

    protected override async Task<long> StoredPiecesAsync() => (await bucket.ObjectsAsync()).Count;

    private S3AttachmentStore S3Store() => bucket.Store(database);

    [Fact]
    public async Task A_one_part_content_is_under_its_sha256_a_multipart_one_under_the_key_its_row_names_and_postgresql_keeps_only_metadata()
    {
        var small = Pdf($"% {Guid.NewGuid()}");
        await using var large = new GeneratedPngStream((2L * bucket.Settings.PartSize) + 12345);

        var smallSha = (await S3Store().SaveAsync(new MemoryStream(small), ContentKind.Pdf, Limit, default)).Value.Sha256;
        var largeSha = (await S3Store().SaveAsync(large, ContentKind.Png, Limit, default)).Value.Sha256;

        largeSha.ShouldBe(Convert.ToHexStringLower(large.Sha256()));
        var objects = (await bucket.ObjectsAsync()).ToDictionary(o => o.Key, o => o.Size);
        objects["attachments/" + smallSha].ShouldBe(small.Length);
        var largeKey = await database.Database.ScalarAsync<string>($"SELECT \"ObjectKey\" FROM \"AttachmentBlobs\" WHERE \"Sha256\" = '{largeSha}'") ?? string.Empty;
        largeKey.ShouldStartWith("attachments/uploads/");
        objects[largeKey].ShouldBe(large.Length);
        objects.ShouldNotContainKey("attachments/" + largeSha);
        (await database.Database.ScalarAsync<string>($"SELECT \"Location\" FROM \"AttachmentBlobs\" WHERE \"Sha256\" = '{largeSha}'")).ShouldBe("S3");
        (await database.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM \"AttachmentChunks\" c JOIN \"AttachmentBlobs\" b ON b.\"BlobId\" = c.\"BlobId\" WHERE b.\"Sha256\" IN ('{smallSha}', '{largeSha}')"))
            .ShouldBe(0);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData((9 * 1024 * 1024) + 1)]
    public async Task A_copy_whose_bytes_are_not_the_content_it_claims_is_refused_and_nothing_is_written(int size)
    {
        var claimed = RandomNumberGenerator.GetBytes(size);
        var actual = RandomNumberGenerator.GetBytes(size);
        var claimedSha = Convert.ToHexStringLower(SHA256.HashData(claimed));
        var objectsBefore = (await bucket.ObjectsAsync()).Count;

        var result = await S3Store().CopyInAsync(new MemoryStream(actual), claimedSha, ContentKind.Png, default);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("HASH_MISMATCH");
        result.Error.Message.ShouldContain(claimedSha);
        (await bucket.ObjectsAsync()).Count.ShouldBe(objectsBefore);
    }

    [Fact]
    public async Task An_object_already_under_the_content_key_is_never_overwritten()
    {
        var bytes = Pdf($"% {Guid.NewGuid()}");
        var key = bucket.Settings.KeyOf(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var first = new PutObjectRequest { BucketName = bucket.Settings.Bucket, Key = key, InputStream = new MemoryStream(bytes), UseChunkEncoding = false };
        first.Metadata.Add("written-by", "the-first-writer");
        await bucket.Client.PutObjectAsync(first);

        var saved = await S3Store().SaveAsync(new MemoryStream(bytes), ContentKind.Pdf, Limit, default);
        var again = await S3Store().SaveGeneratedAsync(bytes, ContentKind.Pdf, default);

        saved.IsSuccess.ShouldBeTrue();
        again.AlreadyStored.ShouldBeTrue();
        var head = await bucket.Client.GetObjectMetadataAsync(bucket.Settings.Bucket, key);
        head.Metadata["written-by"].ShouldBe("the-first-writer");
    }

    [Fact]
    public async Task A_recorded_content_whose_object_is_gone_is_reported_as_missing_with_its_key_not_as_unknown()
    {
        var bytes = Pdf($"% {Guid.NewGuid()}");
        var sha = (await S3Store().SaveAsync(new MemoryStream(bytes), ContentKind.Pdf, Limit, default)).Value.Sha256;
        await bucket.Client.DeleteObjectAsync(bucket.Settings.Bucket, bucket.Settings.KeyOf(sha)); // damage from outside the app

        var open = await Should.ThrowAsync<InvalidDataException>(() => S3Store().OpenReadAsync(sha, default));
        var hash = await Should.ThrowAsync<InvalidDataException>(() => S3Store().ComputeSha256Async(sha, default));

        open.Message.ShouldContain($"has no object attachments/{sha}");
        open.Message.ShouldContain(bucket.Settings.Bucket);
        hash.Message.ShouldBe(open.Message);
    }

    [Fact]
    public async Task A_changed_object_is_found_by_hashing_what_the_store_holds()
    {
        var bytes = Pdf($"% {Guid.NewGuid()}");
        var sha = (await S3Store().SaveAsync(new MemoryStream(bytes), ContentKind.Pdf, Limit, default)).Value.Sha256;
        var tampered = bytes.ToArray();
        tampered[^10] ^= 0x20;
        await bucket.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket.Settings.Bucket, Key = bucket.Settings.KeyOf(sha), InputStream = new MemoryStream(tampered), UseChunkEncoding = false,
        });

        var held = await S3Store().ComputeSha256Async(sha, default);

        Convert.ToHexStringLower(held!).ShouldNotBe(sha);
        Convert.ToHexStringLower(held!).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(tampered)));
    }
}
