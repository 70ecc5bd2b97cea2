using System.Runtime.InteropServices;
using OciRuntime.Container;
using OciRuntime.Container.Init;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Container;

public class InProcessInitTests
{
    private const int CLONE_NEWNS = 0x20000, CLONE_NEWPID = 0x20000000, CLONE_NEWUSER = 0x10000000;
    private const int Usual = CLONE_NEWNS | CLONE_NEWPID;

    private static RuntimeSpec Spec(string extra = "") => SpecSerializer.Deserialize(
        $$$"""{"ociVersion": "1.2.0", "root": {"path": "rootfs"}, "process": {"args": ["sh"], "cwd": "/", "capabilities": {"bounding": ["CAP_KILL"]}}{{{extra}}}}""");

    [Fact]
    public void A_plain_root_container_is_built_in_process()
    {
        Assert.True(InProcessInit.Applies(Spec(), Usual, [], noPivot: false, rootless: false));
    }

    [Theory]
    [InlineData(Usual | CLONE_NEWUSER, false, false)]
    [InlineData(CLONE_NEWPID, false, false)]
    [InlineData(Usual, true, false)]
    [InlineData(Usual, false, true)]
    public void A_user_namespace_a_shared_mount_namespace_no_pivot_or_rootless_keep_the_init_stage(int flags, bool noPivot, bool rootless)
    {
        Assert.False(InProcessInit.Applies(Spec(), flags, [], noPivot, rootless));
    }

    [Fact]
    public void Joining_a_user_namespace_keeps_the_init_stage()
    {
        Assert.False(InProcessInit.Applies(Spec(), Usual, [CLONE_NEWUSER], noPivot: false, rootless: false));
    }

    [Theory]
    [InlineData("createContainer", false)]
    [InlineData("startContainer", false)]
    [InlineData("prestart", true)]
    [InlineData("createRuntime", true)]
    [InlineData("poststart", true)]
    public void Only_hooks_that_run_inside_the_container_keep_the_init_stage(string hook, bool inProcess)
    {
        var spec = Spec($$""", "hooks": {"{{hook}}": [{"path": "/bin/true"}]}""");

        Assert.Equal(inProcess, InProcessInit.Applies(spec, Usual, [], noPivot: false, rootless: false));
    }

    [Fact]
    public void A_container_that_may_ptrace_keeps_the_init_stage_and_its_read_only_image()
    {
        var spec = SpecSerializer.Deserialize(
            """{"ociVersion": "1.2.0", "root": {"path": "rootfs"}, "process": {"args": ["sh"], "cwd": "/", "capabilities": {"bounding": ["CAP_SYS_PTRACE"]}}}""");

        Assert.False(InProcessInit.Applies(spec, Usual, [], noPivot: false, rootless: false));
    }
}

public unsafe class InitLateAreaTests
{
    private static string Read(byte* text) => Marshal.PtrToStringUTF8((nint)text)!;

    [Fact]
    public void The_program_its_environment_and_terminal_are_laid_out_as_C_strings()
    {
        using var area = new InitLateArea(4096);

        area.SetProgram("/bin/sh", ["PATH=/bin", "HOME=/root"], "/dev/pts/0");

        Assert.Equal("/bin/sh", Read(area.Data->Path));
        Assert.Equal("/dev/pts/0", Read(area.Data->ConsolePath));
        Assert.Equal("PATH=/bin", Read(area.Data->Envp[0]));
        Assert.Equal("HOME=/root", Read(area.Data->Envp[1]));
        Assert.True(area.Data->Envp[2] == null);
    }

    [Fact]
    public void Without_a_terminal_the_console_path_is_null()
    {
        using var area = new InitLateArea(0);

        area.SetProgram("/bin/true", [], null);

        Assert.True(area.Data->ConsolePath == null);
        Assert.True(area.Data->Envp[0] == null);
    }

    [Fact]
    public void A_proc_mount_without_a_source_or_data_gets_proc_and_null()
    {
        using var area = new InitLateArea(0);

        area.SetMount(null, 0xe, "");

        Assert.Equal("proc", Read(area.Data->MountSource));
        Assert.True(area.Data->MountData == null);
        Assert.Equal(0xeUL, area.Data->MountFlags);
        area.SetMount("none", 1, "hidepid=2");
        Assert.Equal("none", Read(area.Data->MountSource));
        Assert.Equal("hidepid=2", Read(area.Data->MountData));
    }

    [Fact]
    public void An_environment_larger_than_the_room_asked_for_is_refused_not_overrun()
    {
        using var area = new InitLateArea(0);
        var huge = Enumerable.Range(0, 64).Select(i => $"V{i}=" + new string('x', 1024)).ToList();

        var error = Assert.Throws<OciRuntimeException>(() => area.SetProgram("/bin/true", huge, null));
        Assert.Contains("do not fit", error.Message);
    }
}

public class FaultPointTests
{
    [Theory]
    [InlineData("rootfs:/tmp/f", "rootfs", true)]
    [InlineData("ready:/tmp/f", "rootfs", false)]
    [InlineData("rootfs", "rootfs", false)]
    [InlineData(null, "rootfs", false)]
    public void A_phase_is_requested_only_as_PHASE_colon_FILE(string? requested, string phase, bool expected)
    {
        Assert.Equal(expected, FaultPoint.IsRequested(phase, requested));
    }
}
