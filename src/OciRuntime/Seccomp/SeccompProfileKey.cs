using System.Buffers.Binary;
using System.Buffers;
using System.Text;

namespace OciRuntime.Seccomp;

/// <summary>
/// The cache key of a profile: SHA-256 over a canonical binary form of everything that shapes the compiled
/// program (not <c>listenerPath</c>/<c>listenerMetadata</c>, nor how names were grouped in <c>syscalls</c>) and
/// the identity of the libseccomp, kernel and architecture that compile it.
/// </summary>
internal static class SeccompProfileKey
{
    // Bump when the compiler's output for the same input changes.
    private const string FormatVersion = "ocirun-seccomp-key-2";

    public static byte[] Compute(SeccompProfile profile, string environmentIdentity)
    {
        var canonical = new ArrayBufferWriter<byte>(4096);
        var writer = new Writer(canonical);
        writer.Text(FormatVersion);
        writer.Text(environmentIdentity);
        writer.UInt32(profile.DefaultAction);
        writer.UInt32((uint)profile.Architectures.Count);
        foreach (uint arch in profile.Architectures) writer.UInt32(arch);
        writer.UInt32((uint)profile.Flags.Requested);
        writer.UInt32(profile.Flags.SpecAllowIfSupported ? 1u : 0u);
        writer.UInt32((uint)profile.Rules.Count);
        foreach (SeccompRule rule in profile.Rules)
        {
            writer.Text(rule.Name);
            writer.UInt32(rule.Action);
            writer.UInt32((uint)rule.Args.Count);
            foreach (ScmpArgCmp arg in rule.Args)
            {
                writer.UInt32(arg.Arg);
                writer.UInt32((uint)arg.Op);
                writer.UInt64(arg.DatumA);
                writer.UInt64(arg.DatumB);
            }
        }
        return Sha256.Hash(canonical.WrittenSpan);
    }

    private readonly struct Writer(ArrayBufferWriter<byte> output)
    {
        public void UInt32(uint value)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            output.Write(bytes);
        }

        public void UInt64(ulong value)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
            output.Write(bytes);
        }

        // Length-prefixed, so ("ab","c") and ("a","bc") differ.
        public void Text(string value)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(value);
            UInt32((uint)utf8.Length);
            output.Write(utf8);
        }
    }
}
