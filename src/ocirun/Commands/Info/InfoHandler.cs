using OciRuntime.HostInfo;
using Ocirun.Output;
using Ocirun.Streams;

namespace Ocirun.Commands;

/// <summary>Probes this host (as the user ocirun runs as) and prints the report.</summary>
internal sealed class InfoHandler : ICommandHandler<InfoOptions>
{
    public int Run(GlobalOptions global, InfoOptions options)
    {
        var report = HostProbe.ForThisHost(global.Root, [global.Root, Environment.CurrentDirectory], global.CriuPath).Probe();
        FileDescriptorOutput.StandardOutput.Write(options.Json ? InfoPrinter.Json(report) : InfoPrinter.Text(report));
        return 0;
    }
}
