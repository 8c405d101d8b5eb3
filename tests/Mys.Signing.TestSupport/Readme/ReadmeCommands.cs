using System.Reflection;
using System.Text;

namespace Mys.Signing.TestSupport.Readme;

/// <summary>
/// The shell blocks of the repository's README.md, so tests run the commands a reader copies, exactly as written.
/// The README points at Release builds (what <c>scripts/test.sh</c> builds); a test assembly built in Debug runs the
/// same block against the Debug outputs, the only change made to the text.
/// </summary>
public static class ReadmeCommands
{
    /// <summary>
    /// The one fenced <c>sh</c> block of README.md that contains <paramref name="marker"/>, for outputs of the
    /// configuration <paramref name="testAssembly"/> was built in.
    /// </summary>
    public static string Block(string marker, Assembly testAssembly)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        var blocks = Blocks(File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "README.md")))
            .Where(block => block.Contains(marker, StringComparison.Ordinal))
            .ToList();
        if (blocks.Count != 1)
        {
            throw new InvalidOperationException($"README.md has {blocks.Count} sh blocks containing \"{marker}\"; expected one.");
        }

        return ForThisBuild(blocks[0], testAssembly);
    }

    /// <summary>The fenced <c>sh</c> blocks of a markdown text, without their fences.</summary>
    public static IReadOnlyList<string> Blocks(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var blocks = new List<string>();
        StringBuilder? current = null;
        foreach (var line in markdown.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (current is null && trimmed.Trim() == "```sh")
            {
                current = new StringBuilder();
            }
            else if (current is not null && trimmed.Trim() == "```")
            {
                blocks.Add(current.ToString());
                current = null;
            }
            else
            {
                current?.Append(trimmed).Append('\n');
            }
        }

        return blocks;
    }

    private static string ForThisBuild(string block, Assembly testAssembly)
    {
        var configuration = testAssembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        return configuration == "Release" ? block : block.Replace("/bin/Release/", $"/bin/{configuration}/", StringComparison.Ordinal);
    }
}
