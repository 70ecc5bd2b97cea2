using Xunit;

namespace OciRuntime.IntegrationTests.Infrastructure;

/// <summary>Integration tests need root. Under CI=true a missing privilege fails the test; elsewhere it skips.</summary>
public static class Root
{
    public static bool IsRoot => Environment.UserName == "root" || geteuid() == 0;

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();

    public static void Require()
    {
        if (IsRoot) return;
        if (Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail("integration tests must run as root under CI");
        Skip.If(true, "needs root");
    }
}
