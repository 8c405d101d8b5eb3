using System.Runtime.CompilerServices;
using Mys.Signing.Bridge.Pkcs11;

namespace Mys.Signing.Bridge.Tests.Pkcs11;

/// <summary>The bytes a module would see for a CK_ATTRIBUTE template, for both ABIs (Windows checked on Linux).</summary>
public sealed class NativeAttributesTests
{
    [Fact]
    public unsafe void Windows_template_uses_16_byte_entries_and_4_byte_values()
    {
        var abi = Pkcs11Abi.Windows64;
        using var template = new NativeAttributes(abi, [CkAttr.Number(abi, 0x0, 3), CkAttr.Data(0x102, [0xAB, 0xCD])]);
        var block = (byte*)template.Pointer;

        Unsafe.ReadUnaligned<uint>(block + 0).ShouldBe(0x0u); // CKA_CLASS
        var classValue = (byte*)Unsafe.ReadUnaligned<ulong>(block + 4);
        Unsafe.ReadUnaligned<uint>(block + 12).ShouldBe(4u);
        Unsafe.ReadUnaligned<uint>(classValue).ShouldBe(3u); // CKO_PRIVATE_KEY as a 4-byte CK_ULONG

        Unsafe.ReadUnaligned<uint>(block + 16).ShouldBe(0x102u); // CKA_ID
        var idValue = (byte*)Unsafe.ReadUnaligned<ulong>(block + 20);
        Unsafe.ReadUnaligned<uint>(block + 28).ShouldBe(2u);
        new ReadOnlySpan<byte>(idValue, 2).ToArray().ShouldBe(new byte[] { 0xAB, 0xCD });
    }

    [Fact]
    public unsafe void Unix_template_uses_24_byte_entries_and_8_byte_values()
    {
        var abi = Pkcs11Abi.Unix64;
        using var template = new NativeAttributes(abi, [CkAttr.Number(abi, 0x0, 1), CkAttr.Query(0x11)]);
        var block = (byte*)template.Pointer;

        Unsafe.ReadUnaligned<ulong>(block + 16).ShouldBe(8UL);
        Unsafe.ReadUnaligned<ulong>((byte*)Unsafe.ReadUnaligned<ulong>(block + 8)).ShouldBe(1UL);
        Unsafe.ReadUnaligned<ulong>(block + 24).ShouldBe(0x11UL); // CKA_VALUE query: null pointer, length 0
        Unsafe.ReadUnaligned<ulong>(block + 32).ShouldBe(0UL);
        Unsafe.ReadUnaligned<ulong>(block + 40).ShouldBe(0UL);
    }

    [Fact]
    public unsafe void Unavailable_length_is_reported_as_null()
    {
        var abi = Pkcs11Abi.Windows64;
        using var template = new NativeAttributes(abi, [CkAttr.Query(0x11)]);

        Unsafe.WriteUnaligned((byte*)template.Pointer + 12, uint.MaxValue); // what a module writes for CK_UNAVAILABLE_INFORMATION

        template.Length(0).ShouldBeNull();
    }
}
