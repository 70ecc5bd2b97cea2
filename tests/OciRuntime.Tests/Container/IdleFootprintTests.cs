using OciRuntime.Container.Init;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class IdleFootprintTests
{
    private const string Smaps = """
        55d000000000-55d000010000 r--p 00000000 fe:00 42                         /usr/local/bin/ocirun
        Rss:                  52 kB
        Anonymous:             0 kB
        55d000010000-55d000380000 r-xp 00010000 fe:00 42                         /usr/local/bin/ocirun
        Rss:                3464 kB
        Anonymous:             0 kB
        55d000380000-55d0004c0000 r--p 00380000 fe:00 42                         /usr/local/bin/ocirun
        Rss:                1312 kB
        Anonymous:           180 kB
        55d0004c0000-55d0004d0000 rw-p 004c0000 fe:00 42                         /usr/local/bin/ocirun
        Rss:                  68 kB
        Anonymous:            52 kB
        7f0000000000-7f0000060000 rw-p 00000000 00:00 0
        Rss:                 384 kB
        Anonymous:           384 kB
        7fff00000000-7fff00002000 r-xp 00000000 00:00 0                          [vdso]
        Rss:                   8 kB
        Anonymous:             0 kB
        """;

    [Fact]
    public void Only_read_only_file_mappings_without_private_copies_are_dropped()
    {
        var mappings = IdleFootprint.CleanFileMappings(Smaps).ToList();

        Assert.Equal([(unchecked((nint)0x55d000000000), (nuint)0x10000), (unchecked((nint)0x55d000010000), (nuint)0x370000)], mappings);
    }

    [Fact]
    public void A_mapping_whose_Anonymous_line_is_missing_is_never_dropped()
    {
        const string truncated = "55d000010000-55d000380000 r-xp 00010000 fe:00 42 /usr/local/bin/ocirun\nRss: 3464 kB\n";

        Assert.Empty(IdleFootprint.CleanFileMappings(truncated));
    }
    [Fact]
    public void From_maps_alone_only_file_code_is_dropped()
    {
        const string Maps = """
            00400000-00405000 r--p 00000000 fe:00 42                         /usr/local/bin/ocirun
            00405000-00782000 r-xp 00005000 fe:00 42                         /usr/local/bin/ocirun
            00782000-007f3000 r--p 00382000 fe:00 42                         /usr/local/bin/ocirun
            008ea000-00a8f000 rw-p 004e9000 fe:00 42                         /usr/local/bin/ocirun
            7f6ca0ff6000-7f6ca114c000 r-xp 00028000 fe:00 77                 /usr/lib/x86_64-linux-gnu/libc.so.6
            7f0000000000-7f0000060000 rwxp 00000000 00:00 0
            7fff00000000-7fff00002000 r-xp 00000000 00:00 0                  [vdso]
            """;

        var mappings = IdleFootprint.CodeMappings(Maps).ToList();

        // A read-only mapping may hold relocated (private) pages, which maps does not tell: only code goes.
        Assert.Equal([((nint)0x405000, (nuint)0x37d000), (unchecked((nint)0x7f6ca0ff6000), (nuint)0x156000)], mappings);
    }
}
