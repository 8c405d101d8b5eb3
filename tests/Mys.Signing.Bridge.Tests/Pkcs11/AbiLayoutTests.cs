using Mys.Signing.Bridge.Pkcs11;

namespace Mys.Signing.Bridge.Tests.Pkcs11;

/// <summary>
/// Expected numbers are what gcc prints for the same C structures (CK_ULONG = unsigned long, natural packing;
/// and CK_ULONG = 4 bytes with #pragma pack(1) for Windows), so the Windows layout is checked on Linux too.
/// </summary>
public sealed class AbiLayoutTests
{
    public static TheoryData<string, int, int, int, int> AttributeCases => new()
    {
        { "unix-64", 24, 0, 8, 16 },
        { "windows-64", 16, 0, 4, 12 },
        { "windows-32", 12, 0, 4, 8 },
    };

    [Theory]
    [MemberData(nameof(AttributeCases))]
    public void Ck_attribute_layout_matches_the_c_compiler(string abiName, int size, int type, int pValue, int length)
    {
        var layout = Abi(abiName).Attribute;

        layout.Size.ShouldBe(size);
        layout.Offset("type").ShouldBe(type);
        layout.Offset("pValue").ShouldBe(pValue);
        layout.Offset("ulValueLen").ShouldBe(length);
    }

    [Theory]
    [InlineData("unix-64", 24, 8, 16)]
    [InlineData("windows-64", 16, 4, 12)]
    public void Ck_mechanism_layout_matches_the_c_compiler(string abiName, int size, int parameter, int parameterLength)
    {
        var layout = Abi(abiName).Mechanism;

        layout.Size.ShouldBe(size);
        layout.Offset("mechanism").ShouldBe(0);
        layout.Offset("pParameter").ShouldBe(parameter);
        layout.Offset("ulParameterLen").ShouldBe(parameterLength);
    }

    [Theory]
    [InlineData("unix-64", 208, 96, 176, 184, 188)]
    [InlineData("windows-64", 160, 96, 136, 140, 144)]
    public void Ck_token_info_layout_matches_the_c_compiler(string abiName, int size, int flags, int freePrivate, int hardware, int utcTime)
    {
        var layout = Abi(abiName).TokenInfo;

        layout.Size.ShouldBe(size);
        layout.Offset("label").ShouldBe(0);
        layout.Offset("serialNumber").ShouldBe(80);
        layout.Offset("flags").ShouldBe(flags);
        layout.Offset("ulFreePrivateMemory").ShouldBe(freePrivate);
        layout.Offset("hardwareVersion").ShouldBe(hardware);
        layout.Offset("utcTime").ShouldBe(utcTime);
    }

    [Theory]
    [InlineData("unix-64", 112, 96, 104, 106)]
    [InlineData("windows-64", 104, 96, 100, 102)]
    public void Ck_slot_info_layout_matches_the_c_compiler(string abiName, int size, int flags, int hardware, int firmware)
    {
        var layout = Abi(abiName).SlotInfo;

        layout.Size.ShouldBe(size);
        layout.Offset("flags").ShouldBe(flags);
        layout.Offset("hardwareVersion").ShouldBe(hardware);
        layout.Offset("firmwareVersion").ShouldBe(firmware);
    }

    [Theory]
    [InlineData("unix-64", 48, 32, 40)]
    [InlineData("windows-64", 44, 32, 36)]
    public void Ck_c_initialize_args_layout_matches_the_c_compiler(string abiName, int size, int flags, int reserved)
    {
        var layout = Abi(abiName).InitializeArgs;

        layout.Size.ShouldBe(size);
        layout.Offset("flags").ShouldBe(flags);
        layout.Offset("pReserved").ShouldBe(reserved);
    }

    [Theory]
    [InlineData("unix-64", 0, 8)]
    [InlineData("unix-64", 43, 8 + (43 * 8))]
    [InlineData("windows-64", 0, 2)]
    [InlineData("windows-64", 43, 2 + (43 * 8))]
    [InlineData("windows-32", 43, 2 + (43 * 4))]
    public void Function_list_pointers_follow_the_two_byte_version(string abiName, int index, int offset) =>
        Abi(abiName).FunctionOffset(index).ShouldBe(offset);

    [Fact]
    public unsafe void Windows_ulong_is_four_bytes_and_return_values_drop_the_upper_half()
    {
        var abi = Pkcs11Abi.Windows64;
        var buffer = stackalloc byte[8];
        new Span<byte>(buffer, 8).Fill(0xEE);

        abi.WriteUlong(buffer + 1, 0xA0);

        abi.ReadUlong(buffer + 1).ShouldBe(0xA0UL);
        buffer[5].ShouldBe((byte)0xEE); // only four bytes written, unaligned is fine
        abi.ReturnValue(unchecked((nuint)0xDEADBEEF_000000A0)).ShouldBe(Ckr.PinIncorrect);
        abi.UnavailableInformation.ShouldBe(0xFFFFFFFFUL);
    }

    [Fact]
    public void Current_abi_on_64_bit_linux_is_unix_64()
    {
        if (OperatingSystem.IsLinux() && IntPtr.Size == 8)
        {
            Pkcs11Abi.Current.ShouldBeSameAs(Pkcs11Abi.Unix64);
        }
    }

    private static Pkcs11Abi Abi(string name) => name switch
    {
        "unix-64" => Pkcs11Abi.Unix64,
        "windows-64" => Pkcs11Abi.Windows64,
        "windows-32" => Pkcs11Abi.Windows32,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
