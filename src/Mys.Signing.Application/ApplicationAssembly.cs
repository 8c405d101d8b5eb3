namespace Mys.Signing.Application;

/// <summary>Marks the application layer's assembly (architecture tests read its references).</summary>
public static class ApplicationAssembly
{
    public static System.Reflection.Assembly Assembly => typeof(ApplicationAssembly).Assembly;
}
