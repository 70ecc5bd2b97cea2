using System.Runtime.InteropServices;
using OciRuntime.Container.Spawn;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed unsafe class NativeStringArrayTests
{
    [Fact]
    public void Strings_are_null_terminated_and_the_array_ends_with_null()
    {
        using var array = new NativeStringArray(["sh", "-c", "échoé", ""]);
        var read = new List<string>();
        for (var p = array.Pointer; *p != null; p++) read.Add(Marshal.PtrToStringUTF8((nint)(*p))!);
        Assert.Equal(["sh", "-c", "échoé", ""], read);
    }
}
