using System.Buffers.Binary;
using System.Text;
using Tmds.Linux;

namespace OciRuntime.Seccomp;

/// <summary>
/// Compiled filters by content address (<c>DIR/&lt;sha256 of the profile key&gt;.bpf</c>), so a profile that
/// every container shares is compiled once. Entries are written atomically and verified on load; anything that
/// fails verification is treated as absent (the caller recompiles and overwrites it).
/// </summary>
/// <remarks>
/// Entry layout: magic (8) | load flags u32 | instruction count u32 | key (32) | SHA-256 of the program (32) |
/// program (8 × count). The key inside guards against a file copied or renamed under another name.
/// </remarks>
internal sealed class SeccompProgramCache
{
    public const int KeySize = 32;
    private const int HeaderSize = 80;
    private static ReadOnlySpan<byte> Magic => "OCIRBPF1"u8;
    private const ushort OwnerOnly = 0x1c0; // 0700

    public SeccompProgramCache(string directory) => Directory = directory;

    public string Directory { get; }

    public string PathFor(ReadOnlySpan<byte> key) => Path.Combine(Directory, Convert.ToHexStringLower(key) + ".bpf");

    public SeccompProgram? TryLoad(ReadOnlySpan<byte> key)
    {
        string path = PathFor(key);
        byte[] entry;
        try
        {
            entry = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (!TryParse(entry, key, out ReadOnlySpan<byte> program, out SeccompFilterFlags flags))
        {
            RuntimeLog.Debug($"seccomp: cached filter {path} failed verification, recompiling");
            return null;
        }
        return new SeccompProgram(program, flags);
    }

    public void Store(ReadOnlySpan<byte> key, ReadOnlySpan<byte> program, SeccompFilterFlags flags)
    {
        var entry = new byte[HeaderSize + program.Length];
        Magic.CopyTo(entry);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), (uint)flags);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), (uint)(program.Length / SeccompProgram.InstructionSize));
        key.CopyTo(entry.AsSpan(16));
        Sha256.Hash(program, entry.AsSpan(48, 32));
        program.CopyTo(entry.AsSpan(HeaderSize));

        CreateOwnerOnly(Directory);
        string path = PathFor(key);
        // Unique per process, so concurrent creates of the same profile never write into each other's file;
        // the last rename wins and every candidate holds the same bytes.
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temporary, entry);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    // Whoever can write here decides the filter of every later container, so what we create is 0700 whatever
    // the umask (like the state root itself when the cache creates it first).
    private static unsafe void CreateOwnerOnly(string directory)
    {
        if (System.IO.Directory.Exists(directory)) return;
        string? parent = Path.GetDirectoryName(directory);
        if (parent is not null) CreateOwnerOnly(parent);
        byte[] path = Encoding.UTF8.GetBytes(directory + "\0");
        fixed (byte* p = path)
        {
            if (LibC.mkdir(p, OwnerOnly) == 0)
            {
                if (LibC.chmod(p, OwnerOnly) == 0) return;
            }
            else if (LibC.errno == LibC.EEXIST)
            {
                return; // created concurrently by another container's create
            }
            throw new IOException($"seccomp: creating {directory}: {Errno.Describe(LibC.errno)}");
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> entry, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> program, out SeccompFilterFlags flags)
    {
        program = default;
        flags = default;
        if (entry.Length <= HeaderSize || !entry[..8].SequenceEqual(Magic)) return false;
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
        if (count == 0 || count > SeccompProgram.MaxInstructions) return false;
        if (entry.Length != HeaderSize + count * SeccompProgram.InstructionSize) return false;
        if (!entry.Slice(16, KeySize).SequenceEqual(key)) return false;
        program = entry[HeaderSize..];
        Span<byte> hash = stackalloc byte[32];
        Sha256.Hash(program, hash);
        if (!hash.SequenceEqual(entry.Slice(48, 32))) return false;
        flags = (SeccompFilterFlags)BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
        return true;
    }
}
