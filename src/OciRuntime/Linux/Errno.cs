using System.Runtime.InteropServices;

namespace OciRuntime.Linux;

/// <summary>Turns errno values into the one-line causes users see ("open /x: no such file or directory").</summary>
internal static class Errno
{
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno).ToLowerInvariant();

    public static OciRuntimeException Exception(string what, int errno) => new($"{what}: {Describe(errno)}");

    /// <summary>Throws for the errno of the libc call that just failed.</summary>
    public static OciRuntimeException Last(string what) => Exception(what, Libc.LastErrno);

    public static int Check(int result, string what) => result < 0 ? throw Last(what) : result;
    public static long Check(long result, string what) => result < 0 ? throw Last(what) : result;
}
