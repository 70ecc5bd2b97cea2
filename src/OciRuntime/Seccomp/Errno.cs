using System.Runtime.InteropServices;

namespace OciRuntime.Seccomp;

internal static class Errno
{
    /// <summary>The strerror text of an errno, for error messages.</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
