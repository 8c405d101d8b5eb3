using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Maintenance;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Maintenance;

/// <summary>
/// The daily purge of abandoned uploads as the app registers it: with the S3 store (the real Swift server of the test
/// scripts) a multipart upload left over a day ago is aborted and the run audited, a younger one stays; with the
/// PostgreSQL store there is nothing to purge. Which objects the purge may delete is shown by Infrastructure's
/// <c>S3StreamedUploadTests</c>.
/// </summary>
public sealed class AbandonedUploadsPurgeJobTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> NoScheduler = new() { ["Mys:Scheduler:Enabled"] = "false" };

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSeededAsync(NoScheduler);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task With_the_S3_store_an_upload_left_over_a_day_ago_is_aborted_and_audited_and_a_younger_one_stays()
    {
        var server = TestObjectStoreServer.Settings();
        var bucket = "mys-t-" + Guid.NewGuid().ToString("N")[..20];
        var settings = new Dictionary<string, string>(NoScheduler)
        {
            [ObjectStoreSettings.StoreKey] = "S3",
            [ObjectStoreSettings.Section + ":ServiceUrl"] = server["ServiceUrl"],
            [ObjectStoreSettings.Section + ":AccessKey"] = server["AccessKey"],
            [ObjectStoreSettings.Section + ":SecretKey"] = server["SecretKey"],
            [ObjectStoreSettings.Section + ":Bucket"] = bucket,
        };
        await using var app = new MysAppFactory(_database, settings);
        var client = app.Services.GetRequiredService<IAmazonS3>();
        var store = app.Services.GetRequiredService<ObjectStoreSettings>();
        await client.PutBucketAsync(bucket);
        try
        {
            var left = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = store.NewUploadKey() });

            (await RunAsync(app, DateTimeOffset.UtcNow)).ShouldBe(new PurgedUploads(0, 0), "an upload started a moment ago may still be under way");
            (await PendingAsync(client, bucket)).ShouldBe([left.UploadId]);
            (await AuditEventsAsync()).ShouldBe(0);

            (await RunAsync(app, DateTimeOffset.UtcNow + PurgeAbandonedUploads.Retention + TimeSpan.FromMinutes(1))).ShouldBe(new PurgedUploads(1, 0));
            (await PendingAsync(client, bucket)).ShouldBeEmpty();
            (await AuditEventsAsync()).ShouldBe(1);
        }
        finally
        {
            foreach (var upload in (await client.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? [])
            {
                await client.AbortMultipartUploadAsync(bucket, upload.Key, upload.UploadId);
            }

            await client.DeleteBucketAsync(bucket);
        }
    }

    [Fact]
    public async Task With_the_PostgreSQL_store_there_is_nothing_to_purge_and_nothing_is_audited()
    {
        await using var app = new MysAppFactory(_database, NoScheduler);

        (await RunAsync(app, DateTimeOffset.UtcNow.AddDays(2))).ShouldBe(new PurgedUploads(0, 0));
        (await AuditEventsAsync()).ShouldBe(0);
    }

    private static async Task<PurgedUploads> RunAsync(MysAppFactory app, DateTimeOffset now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PurgeAbandonedUploads>().RunAsync(now, default);
    }

    private static async Task<List<string>> PendingAsync(IAmazonS3 client, string bucket) =>
        ((await client.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []).Select(u => u.UploadId).ToList();

    private Task<long> AuditEventsAsync() =>
        _database.ScalarAsync<long>("SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'AbandonedUploadsPurged'");
}
