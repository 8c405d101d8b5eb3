using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Cli.Commands;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Storage;

/// <summary>
/// <c>mys attachments move-to-s3</c> against the real S3 server: stopped after N contents and run again it finishes the
/// job, a content an earlier run wrote but did not switch is checked and switched, damaged bytes are refused and stay,
/// and PostgreSQL keeps only metadata for what moved.
/// </summary>
public sealed class MoveToObjectStoreTests(MigratedDatabase database, ObjectStoreBucket bucket) : MoveToObjectStoreTestBase(database, bucket)
{
    [Fact]
    public async Task The_move_stops_after_its_limit_resumes_where_it_stopped_and_then_has_nothing_left_to_do()
    {
        await using var dataSource = NpgsqlDataSource.Create(Database.Database.ConnectionString);
        var postgres = new PostgresAttachmentStore(dataSource, TimeProvider.System, NullLogger<PostgresAttachmentStore>.Instance);
        var contents = new List<byte[]>();
        for (var i = 0; i < 4; i++)
        {
            contents.Add(Png(i == 0 ? (9 * 1024 * 1024) + 5 : 3000 + i)); // the first one larger than a part
        }

        var shas = new List<string>();
        foreach (var content in contents)
        {
            shas.Add((await postgres.SaveAsync(new MemoryStream(content), ContentKind.Png, long.MaxValue, default)).Value.Sha256);
        }

        // An earlier run wrote this one's object and stopped before switching its row.
        (await Bucket.Store(Database).CopyInAsync(new MemoryStream(contents[3]), shas[3], ContentKind.Png, default)).Value.ShouldBeTrue();

        var first = await MoveAsync("--limit", "2");
        var second = await MoveAsync();
        var third = await MoveAsync();

        first.Code.ShouldBe(CommandLine.Ok, first.Output);
        first.Output.ShouldContain("Moved 2 content(s)");
        first.Output.ShouldContain("left in PostgreSQL 2.");
        second.Output.ShouldContain("Moved 2 content(s)");
        second.Output.ShouldContain("left in PostgreSQL 0.");
        (first.Output + second.Output).ShouldContain("(1 already in the bucket)");
        third.Code.ShouldBe(CommandLine.Ok);
        third.Output.ShouldContain("Moved 0 content(s)");
        (await Database.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AttachmentBlobs\" WHERE \"Location\" = 'S3' AND \"Sha256\" IN ({InList(shas)})")).ShouldBe(4);
        (await ChunksOfAsync(shas)).ShouldBe(0);
        var store = Bucket.Store(Database);
        for (var i = 0; i < contents.Count; i++)
        {
            await using var back = (await store.OpenReadAsync(shas[i], default))!;
            (await AttachmentHashing.Sha256Async(back, default)).ShouldBe(SHA256.HashData(contents[i]));
        }

        var unconfigured = await Should.ThrowAsync<InvalidOperationException>(() => postgres.OpenReadAsync(shas[1], default));
        unconfigured.Message.ShouldContain("Mys:Attachments:Store");
    }
}

/// <summary>The move refuses what is not the content its SHA-256 names (its own database: the refused content stays).</summary>
public sealed class MoveToObjectStoreRefusalTests(MigratedDatabase database, ObjectStoreBucket bucket) : MoveToObjectStoreTestBase(database, bucket)
{
    [Fact]
    public async Task Damaged_bytes_in_postgresql_are_refused_left_where_they_are_and_not_written_to_the_bucket()
    {
        await using var dataSource = NpgsqlDataSource.Create(Database.Database.ConnectionString);
        var postgres = new PostgresAttachmentStore(dataSource, TimeProvider.System, NullLogger<PostgresAttachmentStore>.Instance);
        var sha = (await postgres.SaveAsync(new MemoryStream(Png(5000)), ContentKind.Png, long.MaxValue, default)).Value.Sha256;
        await Database.Database.ExecuteAsync(
            $"UPDATE \"AttachmentChunks\" c SET \"Data\" = set_byte(c.\"Data\", 100, 0) FROM \"AttachmentBlobs\" b WHERE b.\"BlobId\" = c.\"BlobId\" AND b.\"Sha256\" = '{sha}'");

        var run = await MoveAsync();

        run.Code.ShouldBe(CommandLine.CheckFailed, run.Output);
        run.Output.ShouldContain("refused 1");
        (await Database.Database.ScalarAsync<string>($"SELECT \"Location\" FROM \"AttachmentBlobs\" WHERE \"Sha256\" = '{sha}'")).ShouldBe("PostgreSql");
        (await ChunksOfAsync([sha])).ShouldBe(1);
        (await Bucket.ObjectsAsync()).ShouldNotContain(o => o.Key.EndsWith(sha, StringComparison.Ordinal));
    }
}

/// <summary>Runs <c>mys attachments move-to-s3</c> in-process against the class's database and bucket.</summary>
public abstract class MoveToObjectStoreTestBase(MigratedDatabase database, ObjectStoreBucket bucket) : IClassFixture<MigratedDatabase>, IClassFixture<ObjectStoreBucket>
{
    protected MigratedDatabase Database => database;

    protected ObjectStoreBucket Bucket => bucket;

    protected async Task<(int Code, string Output)> MoveAsync(params string[] options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mys"] = database.Database.ConnectionString,
            ["Mys:Attachments:S3:ServiceUrl"] = bucket.Settings.ServiceUrl,
            ["Mys:Attachments:S3:Bucket"] = bucket.Settings.Bucket,
            ["Mys:Attachments:S3:AccessKey"] = bucket.Settings.AccessKey,
            ["Mys:Attachments:S3:SecretKey"] = bucket.Settings.SecretKey,
            ["Mys:Attachments:S3:SpoolDirectory"] = bucket.Settings.SpoolDirectory,
        }).Build();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["attachments", "move-to-s3", .. options], stdout, stderr, configuration);
        stdout.ToString().ShouldNotContain(bucket.Settings.SecretKey);
        return (code, stdout + stderr.ToString());
    }

    protected async Task<long> ChunksOfAsync(IEnumerable<string> shas) =>
        await database.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM \"AttachmentChunks\" c JOIN \"AttachmentBlobs\" b ON b.\"BlobId\" = c.\"BlobId\" WHERE b.\"Sha256\" IN ({InList(shas)})");

    protected static string InList(IEnumerable<string> shas) => string.Join(", ", shas.Select(s => $"'{s}'"));

    protected static byte[] Png(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }
}
