using OciRuntime;
using OciRuntime.Spec;

namespace Ocirun.Commands;

/// <summary>Writes a starter config.json like runc's, refusing to overwrite one.</summary>
internal sealed class SpecHandler : ICommandHandler<SpecOptions>
{
    public int Run(GlobalOptions global, SpecOptions options)
    {
        var bundle = options.Bundle ?? Directory.GetCurrentDirectory();
        if (!Directory.Exists(bundle)) throw new OciRuntimeException($"bundle {bundle}: no such directory");
        var path = Path.Combine(bundle, SpecLoader.ConfigFileName);
        if (File.Exists(path)) throw new OciRuntimeException($"File {SpecLoader.ConfigFileName} exists. Remove it first");
        File.WriteAllText(path, SpecSerializer.Serialize(DefaultSpec.Create(options.Rootless)));
        return 0;
    }
}
