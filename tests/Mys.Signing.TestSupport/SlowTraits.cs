using System.Reflection;

namespace Mys.Signing.TestSupport;

/// <summary>
/// The <c>[Trait("Speed", "Slow")]</c> marking that the fast subset (<c>--filter "Speed!=Slow"</c>, docs/testing.md)
/// leaves out; each test project that marks classes checks its list with a SlowTraitTests class.
/// </summary>
public static class SlowTraits
{
    public static IReadOnlyList<Type> TestClasses(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .ToList();
    }

    public static bool IsSlow(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute) &&
                                                       a.ConstructorArguments.Select(x => x.Value as string).SequenceEqual(["Speed", "Slow"]));
    }
}
