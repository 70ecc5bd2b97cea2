using OciRuntime.Linux;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// The ocirun image the init stage runs from. Opened before any namespace is entered (never /proc/self/exe from
/// inside a container) and copied into a sealed memfd, so a container process that reaches the waiting init's
/// /proc/PID/exe finds an unwritable anonymous copy rather than the host's binary (CVE-2019-5736).
/// </summary>
internal static unsafe class SelfBinary
{
    private const uint MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2;
    private const int F_ADD_SEALS = 1033;
    private const int F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8;

    public static int OpenSealedCopy()
    {
        var source = Errno.Check(Libc.Open("/proc/self/exe", Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open /proc/self/exe");
        try
        {
            var copy = Errno.Check(Libc.MemfdCreate("ocirun", MFD_CLOEXEC | MFD_ALLOW_SEALING), "memfd_create");
            try
            {
                while (true)
                {
                    var n = Libc.SendFile(copy, source, null, 1 << 30);
                    if (n < 0 && Libc.LastErrno == Libc.EINTR) continue;
                    if (n < 0) throw Errno.Last("copying the ocirun binary");
                    if (n == 0) break;
                }
                Errno.Check(Libc.Fcntl(copy, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE), "sealing the ocirun copy");
                return copy;
            }
            catch
            {
                Libc.Close(copy);
                throw;
            }
        }
        finally
        {
            Libc.Close(source);
        }
    }
}
