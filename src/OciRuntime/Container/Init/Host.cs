using System.Runtime.InteropServices;

namespace OciRuntime.Container.Init;

internal static partial class Host
{
    [LibraryImport("libc", EntryPoint = "sethostname", SetLastError = true)]
    private static partial int SetHostnameNative(ReadOnlySpan<byte> name, nuint length);

    [LibraryImport("libc", EntryPoint = "setdomainname", SetLastError = true)]
    private static partial int SetDomainnameNative(ReadOnlySpan<byte> name, nuint length);

    public static int SetHostname(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        return SetHostnameNative(bytes, (nuint)bytes.Length);
    }

    public static int SetDomainname(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        return SetDomainnameNative(bytes, (nuint)bytes.Length);
    }
}
