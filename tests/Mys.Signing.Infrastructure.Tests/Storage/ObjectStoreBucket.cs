using System.Collections.Concurrent;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Storage;

/// <summary>
/// A fresh bucket on the real S3 server scripts/test.sh starts (<see cref="TestObjectStoreServer"/>), emptied and removed on dispose.
/// </summary>
public sealed class ObjectStoreBucket : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _dataSources = new();

    public ObjectStoreSettings Settings { get; private set; } = null!;

    public AmazonS3Client Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var values = TestObjectStoreServer.Settings();
        Settings = new ObjectStoreSettings(values["ServiceUrl"], "mys-t-" + Guid.NewGuid().ToString("N")[..20], values["AccessKey"], values["SecretKey"])
        {
            SpoolDirectory = Path.Combine(Path.GetTempPath(), "mys-spool-tests"),
        };
        Client = Settings.CreateClient();
        await Client.PutBucketAsync(Settings.Bucket);
    }

    /// <summary>The S3 store on this bucket with <paramref name="database"/>'s metadata (one data source per database).</summary>
    public S3AttachmentStore Store(MigratedDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var dataSource = _dataSources.GetOrAdd(database.Database.ConnectionString, NpgsqlDataSource.Create);
        return new S3AttachmentStore(Client, Settings, dataSource, new PostgresAttachmentStore(dataSource, TimeProvider.System, NullLogger<PostgresAttachmentStore>.Instance),
            TimeProvider.System, NullLogger<S3AttachmentStore>.Instance);
    }

    public async Task<IReadOnlyList<S3Object>> ObjectsAsync()
    {
        var response = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Settings.Bucket });
        return response.S3Objects ?? [];
    }

    public async Task DisposeAsync()
    {
        foreach (var item in await ObjectsAsync())
        {
            await Client.DeleteObjectAsync(Settings.Bucket, item.Key);
        }

        await Client.DeleteBucketAsync(Settings.Bucket);
        Client.Dispose();
        foreach (var dataSource in _dataSources.Values)
        {
            await dataSource.DisposeAsync();
        }
    }
}
