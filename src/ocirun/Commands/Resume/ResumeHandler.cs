using OciRuntime;

namespace Ocirun.Commands;

internal sealed class ResumeHandler : ICommandHandler<ResumeOptions>
{
    public int Run(GlobalOptions global, ResumeOptions options) => throw new OciRuntimeException("not implemented yet");
}
