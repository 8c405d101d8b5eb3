using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Mys.Signing.Signatures.Common;

/// <summary>The SHA-256 of some bytes as a cache key: compared as four words, no hex string allocated.</summary>
public readonly record struct ContentKey(ulong A, ulong B, ulong C, ulong D)
{
    public static ContentKey Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(content, hash);
        return FromHash(hash);
    }

    /// <summary>The key of a SHA-256 value computed elsewhere (32 bytes).</summary>
    public static ContentKey FromHash(ReadOnlySpan<byte> sha256)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(sha256[..32]);
        return new ContentKey(words[0], words[1], words[2], words[3]);
    }
}
