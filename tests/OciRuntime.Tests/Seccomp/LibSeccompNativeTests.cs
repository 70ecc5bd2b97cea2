using OciRuntime.Seccomp;
using Xunit;

namespace OciRuntime.Tests.Seccomp;

/// <summary>The real library, installed on the build host (libseccomp2).</summary>
public class LibSeccompNativeTests
{
    [Fact]
    public void Binds_the_installed_library()
    {
        LibSeccompNative lib = LibSeccompNative.Instance;
        Assert.True(lib.Version.Major >= 2);
        Assert.NotEqual(0u, lib.NativeArch);
        Assert.True(lib.ResolveSyscall("mkdir") > 0 || lib.ResolveSyscall("mkdirat") > 0);
        Assert.Equal(LibSeccompConstants.NrScmpError, lib.ResolveSyscall("no_such_syscall"));
    }

    [Fact]
    public void Identity_is_stable_and_names_the_library()
    {
        string identity = LibSeccompIdentity.Describe();
        Assert.Equal(identity, LibSeccompIdentity.Describe());
        Assert.Contains("libseccomp.so.2", identity);
    }
}
