using OciRuntime.Container.Rootfs;
using OciRuntime.Seccomp;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec;

public class FeaturesDocumentTests
{
    private static readonly SeccompFeatures Seccomp = new(
        Enabled: true,
        Actions: ["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL"],
        Operators: ["SCMP_CMP_EQ", "SCMP_CMP_MASKED_EQ"],
        Archs: ["SCMP_ARCH_X86", "SCMP_ARCH_X86_64"],
        KnownFlags: ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG"],
        SupportedFlags: ["SECCOMP_FILTER_FLAG_TSYNC"],
        LibseccompVersion: "2.5.4");

    private static string Render(SeccompFeatures seccomp) =>
        SpecSerializer.Serialize(FeaturesDocument.Build(seccomp, intelRdt: false), FeaturesJsonContext.Default.Features);

    [Fact]
    public void Document_matches_the_golden_file()
    {
        Snapshot.Match("features.json", Render(Seccomp));
    }

    [Fact]
    public void Without_libseccomp_seccomp_is_disabled_and_no_version_annotation_is_given()
    {
        var document = FeaturesDocument.Build(SeccompFeatures.Detect(null), intelRdt: false);

        Assert.False(document.Linux!.Seccomp!.Enabled);
        Assert.Empty(document.Linux.Seccomp.Actions!);
        Assert.DoesNotContain(SeccompFeatures.LibseccompVersionAnnotation, document.Annotations!.Keys);
    }

    [Fact]
    public void Every_listed_mount_option_parses_to_a_flag_propagation_or_extension_not_to_filesystem_data()
    {
        var options = FeaturesDocument.SupportedMountOptions().ToList();

        Assert.NotEmpty(options);
        foreach (var option in options)
        {
            var parsed = MountOptions.Parse([option], "tmpfs");
            Assert.True(parsed.Data.Length == 0, $"{option} was passed to the filesystem as data");
        }
    }

    [Fact]
    public void Idmapped_mounts_and_recursive_attributes_are_listed()
    {
        var document = FeaturesDocument.Build(Seccomp, intelRdt: false);

        Assert.Contains("idmap", document.MountOptions!);
        Assert.Contains("ridmap", document.MountOptions!);
        Assert.Contains("rro", document.MountOptions!);
        Assert.Contains("rnosymfollow", document.MountOptions!);
        Assert.True(document.Linux!.MountExtensions!.IdMap!.Enabled);
    }

    [Fact]
    public void Document_round_trips_through_the_model()
    {
        var text = Render(Seccomp);

        var parsed = System.Text.Json.JsonSerializer.Deserialize(text, FeaturesJsonContext.Default.Features)!;

        Assert.Equal(text, SpecSerializer.Serialize(parsed, FeaturesJsonContext.Default.Features));
    }
}
