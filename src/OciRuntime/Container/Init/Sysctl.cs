using System.Text;
using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>
/// linux.sysctl: keys in dotted form written under /proc/sys (the container's, after the root switch). Written
/// before read-only and masked paths are applied, as runc does: Docker and Kubernetes list /proc/sys in
/// readonlyPaths and still set namespaced sysctls (net.ipv4.ip_unprivileged_port_start for every own network).
/// </summary>
internal static class Sysctl
{
    public static string PathOf(string key) => "/proc/sys/" + key.Replace('.', '/');

    public static void WriteAll(IReadOnlyDictionary<string, string>? sysctls)
    {
        foreach (var (key, value) in sysctls ?? new Dictionary<string, string>()) Write(key, value);
    }

    private static void Write(string key, string value)
    {
        var path = PathOf(key);
        var fd = Libc.Open(path, Libc.O_WRONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) throw Errno.Exception($"sysctl {key}={value}: open {path}", Libc.LastErrno);
        var errno = FileDescriptorWrites.WriteAll(fd, Encoding.UTF8.GetBytes(value));
        Libc.Close(fd);
        if (errno != 0) throw Errno.Exception($"sysctl {key}={value}: write {path}", errno);
    }
}
