using System.Runtime.InteropServices;

namespace OciRuntime.Linux;

/// <summary>A failed system call: the one-line cause plus the errno, for callers that recover from some.</summary>
public sealed class SystemCallException(string message, int errno) : OciRuntimeException(message)
{
    public int Errno { get; } = errno;
}

/// <summary>Turns errno values into the one-line causes users see ("open /x: no such file or directory").</summary>
internal static class Errno
{
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno).ToLowerInvariant();

    public static SystemCallException Exception(string what, int errno) => new($"{what}: {Describe(errno)}", errno);

    /// <summary>The exception for the errno of the libc call that just failed.</summary>
    public static SystemCallException Last(string what) => Exception(what, Libc.LastErrno);

    public static int Check(int result, string what) => result < 0 ? throw Last(what) : result;
    public static long Check(long result, string what) => result < 0 ? throw Last(what) : result;
}
