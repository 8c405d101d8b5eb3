namespace Mys.Signing.Bridge.Http;

/// <summary>
/// A file compiled into the agent's assembly (an <c>EmbeddedResource</c> with a <c>LogicalName</c> in the project file), so
/// a single-file agent carries it with no files beside the executable. A missing resource is a build mistake, hence an exception.
/// </summary>
public sealed class EmbeddedAsset
{
    private EmbeddedAsset(string name, byte[] content)
    {
        Name = name;
        Content = content;
    }

    public string Name { get; }

    public ReadOnlyMemory<byte> Content { get; }

    public static EmbeddedAsset Read(string logicalName)
    {
        var assembly = typeof(EmbeddedAsset).Assembly;
        using var stream = assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"The resource '{logicalName}' is not embedded in {assembly.GetName().Name}.");
        var content = new byte[stream.Length];
        stream.ReadExactly(content);
        return new EmbeddedAsset(logicalName, content);
    }
}
