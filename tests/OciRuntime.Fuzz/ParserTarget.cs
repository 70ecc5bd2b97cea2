using System.Text;
using OciRuntime.Spec;

namespace OciRuntime.Fuzz;

/// <summary>
/// One input through what ocirun does with an untrusted document: parse and validate it as a config.json (both
/// cgroup drivers) and as the process.json of <c>exec --process</c>. Our validation error is the only acceptable
/// failure; any other exception escapes and is a crash for afl-fuzz (SharpFuzz reports it as SIGABRT).
/// </summary>
public static class ParserTarget
{
    public static void Check(byte[] input)
    {
        var text = Decode(input);
        Expect(() =>
        {
            var spec = SpecSerializer.Deserialize(text, SpecLoader.ConfigFileName);
            SpecValidator.Validate(spec);
            SpecValidator.Validate(spec, systemdCgroup: true);
        });
        Expect(() =>
        {
            var process = SpecSerializer.DeserializeProcess(text, "process.json");
            SpecValidator.ValidateProcess(process);
        });
    }

    /// <summary>As File.ReadAllText decodes what SpecLoader and exec --process read: UTF-8 unless a BOM says otherwise.</summary>
    private static string Decode(byte[] input)
    {
        using var reader = new StreamReader(new MemoryStream(input), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static void Expect(Action parseAndValidate)
    {
        try
        {
            parseAndValidate();
        }
        catch (OciRuntimeException)
        {
        }
    }
}
