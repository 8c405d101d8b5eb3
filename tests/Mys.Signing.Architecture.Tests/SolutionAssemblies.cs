using System.Reflection;

namespace Mys.Signing.Architecture.Tests;

/// <summary>The assemblies built from src/, loaded by name from this test's output.</summary>
internal static class SolutionAssemblies
{
    public const string Domain = "Mys.Signing.Domain";
    public const string Infrastructure = "Mys.Signing.Infrastructure";
    public const string Signatures = "Mys.Signing.Signatures";
    public const string Application = "Mys.Signing.Application";
    public const string DevPki = "Mys.Signing.DevPki";
    public const string Hosting = "Mys.Signing.Hosting";
    public const string Web = "Mys.Signing.Web";
    public const string Cli = "mys";
    public const string Bridge = "Mys.Signing.Bridge";

    public static readonly string[] All = [Domain, Infrastructure, Signatures, Application, DevPki, Hosting, Web, Cli, Bridge];

    public static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    public static IReadOnlySet<string> ReferencesOf(string name) =>
        Load(name).GetReferencedAssemblies().Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);

    public static IEnumerable<Type> TypesOf(string name)
    {
        try
        {
            return Load(name).GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    /// <summary>The namespace a type counts for: its outermost declaring type's (compiler-generated nested types included).</summary>
    public static string? NamespaceOf(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.Namespace;
    }
}
