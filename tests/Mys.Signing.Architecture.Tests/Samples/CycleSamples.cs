// Two namespaces that use each other only inside method bodies (read by NamespaceCycleTests).
namespace Mys.Signing.Architecture.Tests.Samples.Left
{
    internal static class LeftSide
    {
        public static int Call() => Right.RightSide.Value();

        public static int Value() => 1;
    }
}

namespace Mys.Signing.Architecture.Tests.Samples.Right
{
    internal static class RightSide
    {
        public static int Call() => Left.LeftSide.Value();

        public static int Value() => 2;
    }
}

namespace Mys.Signing.Architecture.Tests.Samples.Alone
{
    internal static class AloneSide
    {
        public static int Call() => Left.LeftSide.Value();
    }
}
