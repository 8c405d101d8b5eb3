using System.Collections.Concurrent;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Storage;

/// <summary>
/// A fresh bucket on the real S3 server scripts/test.sh starts (Swift with s3api, scripts/object-store.sh), emptied and
/// removed on dispose. The server comes from <c>MYS_TEST_S3</c> (<c>ServiceUrl=…;AccessKey=…;SecretKey=…</c>) or, for runs
/// from an IDE, from .local/s3/test.txt that the script wrote.
/// </summary>
public sealed class ObjectStoreBucket : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _dataSources = new();

    public ObjectStoreSettings Settings { get; private set; } = null!;

    public AmazonS3Client Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var values = ServerSettings().Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
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

    private static string ServerSettings()
    {
        if (Environment.GetEnvironmentVariable("MYS_TEST_S3") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".local", "s3", "test.txt");
            if (File.Exists(file))
            {
                return File.ReadAllText(file).Trim();
            }
        }

        throw new InvalidOperationException("No S3 server for tests: run ./scripts/test.sh (it starts Swift with the S3 API) or set MYS_TEST_S3.");
    }
}
