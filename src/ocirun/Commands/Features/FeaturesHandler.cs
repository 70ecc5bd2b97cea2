using OciRuntime.Spec;
using Ocirun.Streams;

namespace Ocirun.Commands;

/// <summary>Prints the features document of this host (libseccomp and the kernel are asked each time).</summary>
internal sealed class FeaturesHandler : ICommandHandler<FeaturesOptions>
{
    public int Run(GlobalOptions global, FeaturesOptions options)
    {
        FileDescriptorOutput.StandardOutput.Write(SpecSerializer.Serialize(FeaturesDocument.Detect(), FeaturesJsonContext.Default.Features));
        return 0;
    }
}
