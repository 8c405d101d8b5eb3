namespace Mys.Signing.Architecture.Tests;

public class SourceFileTests
{
    private const int MaxLines = 500;

    [Fact]
    public void No_source_file_is_longer_than_five_hundred_lines()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var tooLong = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines");

        tooLong.ShouldBeEmpty();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mys.Signing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Mys.Signing.sln not found above " + AppContext.BaseDirectory);
    }
}
