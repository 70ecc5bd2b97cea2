using OciRuntime;
using Ocirun.Docs;
using Ocirun.Streams;

namespace Ocirun.Commands;

internal sealed class DocsHandler : ICommandHandler<DocsOptions>
{
    public int Run(GlobalOptions global, DocsOptions options)
    {
        switch (options.Kind)
        {
            case DocsKind.Bash:
                FileDescriptorOutput.StandardOutput.Write(BashCompletionWriter.Script());
                break;
            case DocsKind.Zsh:
                FileDescriptorOutput.StandardOutput.Write(ZshCompletionWriter.Script());
                break;
            default:
                WriteManPages(options.Directory);
                break;
        }
        return 0;
    }

    private static void WriteManPages(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var (fileName, text) in ManPageWriter.All())
                File.WriteAllText(Path.Combine(directory, fileName), text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciRuntimeException($"writing the man pages to {directory}: {e.Message}");
        }
    }
}
