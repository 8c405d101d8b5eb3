namespace Mys.Signing.TestSupport;

/// <summary>
/// The real S3 server scripts/test.sh starts (Swift with s3api, scripts/object-store.sh): from <c>MYS_TEST_S3</c>
/// (<c>ServiceUrl=…;AccessKey=…;SecretKey=…</c>) or, for runs from an IDE, from .local/s3/test.txt that the script wrote.
/// </summary>
public static class TestObjectStoreServer
{
    /// <summary>ServiceUrl, AccessKey and SecretKey (case-insensitive keys).</summary>
    public static IReadOnlyDictionary<string, string> Settings() =>
        Raw().Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);

    private static string Raw()
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
