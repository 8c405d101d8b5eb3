using System.Buffers.Binary;
using System.Text;

namespace Mys.Signing.Bridge.Tests.SoftHsm;

/// <summary>
/// SoftHSM2 never counts PIN tries: a wrong PIN only sets CKF_USER_PIN_COUNT_LOW. To reach the states a
/// real card reports after more wrong PINs (FINAL_TRY, LOCKED) the token flags are written into SoftHSM's
/// file store before the module is loaded. SoftHSM then reports them in CK_TOKEN_INFO, which is what the
/// bridge reads (SoftHSM does not enforce them: the right PIN would still log in). File format (SoftHSM 2.6 ObjectFile): per attribute a big-endian
/// 8-byte type, 8-byte kind (2 = unsigned long) and 8-byte value; the flags live in CKA_VENDOR_DEFINED+0x534B.
/// </summary>
internal static class TokenFlags
{
    public const ulong UserPinCountLow = 0x10000;
    public const ulong UserPinFinalTry = 0x20000;
    public const ulong UserPinLocked = 0x40000;

    private static readonly byte[] FlagsHeader = Convert.FromHexString("000000008000534B0000000000000002");

    public static void Add(string tokenDirectory, string label, ulong flags)
    {
        var paddedLabel = Encoding.UTF8.GetBytes(label.PadRight(32));
        foreach (var file in Directory.EnumerateFiles(tokenDirectory, "token.object", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.AsSpan().IndexOf(paddedLabel) < 0)
            {
                continue;
            }

            var at = bytes.AsSpan().IndexOf(FlagsHeader);
            if (at < 0)
            {
                throw new InvalidOperationException("SoftHSM token flags not found: file format changed?");
            }

            var value = bytes.AsSpan(at + FlagsHeader.Length, 8);
            BinaryPrimitives.WriteUInt64BigEndian(value, BinaryPrimitives.ReadUInt64BigEndian(value) | flags);
            File.WriteAllBytes(file, bytes);
            return;
        }

        throw new InvalidOperationException($"SoftHSM token '{label}' not found");
    }
}
