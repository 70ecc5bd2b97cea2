using OciRuntime.HostInfo;

namespace OciRuntime.Tests.HostInfo;

/// <summary>A temporary directory laid out like a host's /proc, /sys and /run, for <see cref="HostProbe"/>.</summary>
internal sealed class FakeHost : IDisposable
{
    /// <summary>The root filesystem and /run, under the cgroup lines of one kind of host.</summary>
    public const string BaseMountInfo = """
        21 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
        24 21 0:22 / /run rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,mode=755
        26 21 8:2 / /var/lib rw,relatime shared:7 - xfs /dev/sda2 rw

        """;

    public FakeHost() => Root = Directory.CreateTempSubdirectory("ocirun-fakehost-").FullName;

    public string Root { get; }

    public HostFiles Files => new(Root);

    public FakeHost With(string hostPath, string content)
    {
        var real = Path.Join(Root, hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, content);
        return this;
    }

    public FakeHost WithDirectory(string hostPath)
    {
        Directory.CreateDirectory(Path.Join(Root, hostPath));
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>Answers as the test says, without touching mounts.</summary>
internal sealed class FakeIdMapTester(Func<string, uint, IdMapAttempt> answer) : IIdMapTester
{
    public IdMapAttempt Try(string path, uint euid) => answer(path, euid);
}
