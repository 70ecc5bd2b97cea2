using System.Runtime.InteropServices;
using System.Text;
using OciRuntime.Seccomp;
using Xunit;
using static OciRuntime.Seccomp.LibSeccompConstants;

namespace OciRuntime.Tests.Seccomp;

/// <summary>
/// Behaviour of a real filter without root or fork: no_new_privs and a seccomp filter without TSYNC both belong
/// to the calling thread only, so a dedicated thread can load one, try syscalls and exit with it.
/// </summary>
public class SeccompInstallTests
{
    private const int PR_SET_NO_NEW_PRIVS = 38;
    private const int EPERM = 1;
    private const int ENOTSUP = 95;

    [Fact]
    public void Loaded_filter_denies_mkdir_with_eperm_and_filters_arguments()
    {
        var profile = new SeccompProfile(ActAllow, [], new SeccompFlagRequest(SeccompFilterFlags.None, false),
        [
            new SeccompRule(0, "mkdir", ActErrno(EPERM), []),
            new SeccompRule(0, "mkdirat", ActErrno(EPERM), []),
            new SeccompRule(1, "personality", ActErrno(ENOTSUP), [new ScmpArgCmp(0, ScmpCompare.Equal, 8, 0)]),
        ]);
        using var program = new SeccompProgram(SeccompCompiler.Compile(profile, LibSeccompNative.Instance).Program, SeccompFilterFlags.None);
        using var dir = new TemporaryDirectory();
        string target = Path.Combine(dir.Path, "denied");

        var results = OnFilteredThread(program, () =>
        (
            Mkdir: Call(() => mkdir(Encoding.UTF8.GetBytes(target + "\0"), 0x1ed)),
            PersonaSet: Call(() => personality(8)),
            PersonaQuery: Call(() => personality(0xffffffff))
        ));

        Assert.Equal((-1, EPERM), results.Mkdir);
        Assert.Equal((-1, ENOTSUP), results.PersonaSet);
        Assert.True(results.PersonaQuery.Result >= 0);
        Assert.False(Directory.Exists(target));
        Directory.CreateDirectory(target); // the test thread itself is unfiltered
    }

    private static T OnFilteredThread<T>(SeccompProgram program, Func<T> body)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) throw new InvalidOperationException("prctl(PR_SET_NO_NEW_PRIVS)");
                Assert.Equal(-1, program.Install());
                result = body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new Xunit.Sdk.XunitException("filtered thread failed: " + failure);
        return result;
    }

    private static (int Result, int Errno) Call(Func<int> call)
    {
        int result = call();
        return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkdir(byte[] path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int personality(uint persona);

    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
