using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Storage;

/// <summary>A large upload through each store, streamed both ways in bounded memory (many seconds each: Slow).</summary>
[Collection(AttachmentStoreCollection.Name)]
public abstract class LargeUploadContract
{
    protected abstract IAttachmentStore Store();

    [Fact]
    public async Task A_200_megabyte_upload_streams_through_and_back_without_being_held_in_memory()
    {
        const long size = 200L * 1024 * 1024;
        var upload = new GeneratedPngStream(size);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var result = await Store().SaveAsync(upload, ContentKind.Png, long.MaxValue, default);
        var allocatedBySave = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await using var back = (await Store().OpenReadAsync(result.Value.Sha256, default))!;
        var readBack = await AttachmentHashing.Sha256Async(back, default);
        var allocatedByBoth = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        result.Value.Size.ShouldBe(size);
        result.Value.Sha256.ShouldBe(Convert.ToHexStringLower(upload.Sha256()));
        readBack.ShouldBe(upload.Sha256());
        back.Length.ShouldBe(size);
        // Pooled part buffers and per-request garbage only: a copy of the file (or of each part) would be 200 MB.
        allocatedBySave.ShouldBeLessThan(48L * 1024 * 1024, $"{allocatedBySave / 1048576} MiB allocated by the save");
        allocatedByBoth.ShouldBeLessThan(64L * 1024 * 1024, $"{allocatedByBoth / 1048576} MiB allocated by save and read");
    }
}

[Trait("Speed", "Slow")]
public sealed class PostgresLargeUploadTests(MigratedDatabase fixture) : LargeUploadContract, IClassFixture<MigratedDatabase>
{
    protected override IAttachmentStore Store() =>
        new PostgresAttachmentStore(NpgsqlDataSource.Create(fixture.Database.ConnectionString), TimeProvider.System, NullLogger<PostgresAttachmentStore>.Instance);
}

[Trait("Speed", "Slow")]
public sealed class S3LargeUploadTests(MigratedDatabase database, ObjectStoreBucket bucket) : LargeUploadContract, IClassFixture<MigratedDatabase>, IClassFixture<ObjectStoreBucket>
{
    protected override IAttachmentStore Store() => bucket.Store(database);
}
