using OciRuntime.Linux;

namespace OciRuntime.Spec;

/// <summary>Reads a bundle's config.json. Validation is separate (<see cref="SpecValidator"/>).</summary>
public static class SpecLoader
{
    public const string ConfigFileName = "config.json";

    public static RuntimeSpec Load(string bundleDirectory) => SpecSerializer.Deserialize(ReadText(bundleDirectory), ConfigFileName);

    /// <summary>The config's text, for callers that pass it on as it is (create hands it to the init stage).</summary>
    public static string ReadText(string bundleDirectory)
    {
        var path = Path.Combine(bundleDirectory, ConfigFileName);
        string text;
        try
        {
            text = FileText.Read(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new OciRuntimeException($"{ConfigFileName}: no such file or directory in bundle {bundleDirectory}", e);
        }
        catch (UnauthorizedAccessException e) when (Directory.Exists(path))
        {
            throw new OciRuntimeException($"{ConfigFileName}: is a directory in bundle {bundleDirectory}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new OciRuntimeException($"{ConfigFileName}: permission denied in bundle {bundleDirectory}", e);
        }
        catch (IOException e)
        {
            throw new OciRuntimeException($"{ConfigFileName}: {e.Message}", e);
        }
        return text;
    }
}
