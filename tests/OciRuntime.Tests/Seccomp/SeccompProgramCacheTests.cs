using System.Security.Cryptography;
using OciRuntime.Seccomp;
using Xunit;

namespace OciRuntime.Tests.Seccomp;

public class SeccompProgramCacheTests
{
    private static readonly byte[] Key = SHA256.HashData("profile"u8);
    private static readonly byte[] Program = Enumerable.Range(0, 24).Select(i => (byte)i).ToArray();

    [Fact]
    public void Stored_entry_loads_with_identical_bytes_and_flags()
    {
        using var dir = new TemporaryDirectory();
        var cache = new SeccompProgramCache(Path.Combine(dir.Path, "seccomp-cache"));

        cache.Store(Key, Program, SeccompFilterFlags.Log | SeccompFilterFlags.NewListener);
        using SeccompProgram? loaded = cache.TryLoad(Key);

        Assert.NotNull(loaded);
        Assert.Equal(Program, loaded.ToArray());
        Assert.Equal(SeccompFilterFlags.Log | SeccompFilterFlags.NewListener, loaded.Flags);
        Assert.Equal(Path.Combine(dir.Path, "seccomp-cache", Convert.ToHexStringLower(Key) + ".bpf"), cache.PathFor(Key));
        Assert.Single(Directory.GetFiles(cache.Directory));
    }

    [Fact]
    public void Missing_entry_or_directory_is_a_miss()
    {
        using var dir = new TemporaryDirectory();
        Assert.Null(new SeccompProgramCache(Path.Combine(dir.Path, "absent")).TryLoad(Key));
    }

    [Theory]
    [InlineData("flip-program-byte")]
    [InlineData("truncate")]
    [InlineData("not-multiple-of-8")]
    [InlineData("bad-magic")]
    [InlineData("empty")]
    public void Corrupt_entry_is_a_miss(string corruption)
    {
        using var dir = new TemporaryDirectory();
        var cache = new SeccompProgramCache(dir.Path);
        cache.Store(Key, Program, SeccompFilterFlags.None);
        string path = cache.PathFor(Key);
        byte[] entry = File.ReadAllBytes(path);
        entry = corruption switch
        {
            "flip-program-byte" => Flip(entry, entry.Length - 3),
            "truncate" => entry[..^8],
            "not-multiple-of-8" => entry[..^1],
            "bad-magic" => Flip(entry, 0),
            _ => [],
        };
        File.WriteAllBytes(path, entry);

        Assert.Null(cache.TryLoad(Key));
    }

    [Fact]
    public void Entry_renamed_to_another_key_is_a_miss()
    {
        using var dir = new TemporaryDirectory();
        var cache = new SeccompProgramCache(dir.Path);
        byte[] otherKey = SHA256.HashData("other"u8);
        cache.Store(Key, Program, SeccompFilterFlags.None);
        File.Move(cache.PathFor(Key), cache.PathFor(otherKey));

        Assert.Null(cache.TryLoad(otherKey));
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        bytes[index] ^= 0xff;
        return bytes;
    }
}
