using System.Runtime.CompilerServices;
using System.Text;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec;

/// <summary>
/// The fuzzer's seed corpus and every input it ever found (tests/OciRuntime.Fuzz/corpus, findings/) through the
/// parsers and validators as `make fuzz` runs them: only our validation error may come out.
/// </summary>
[Collection(RuntimeLogCollection.Name)]
public class FuzzCorpusTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        var fuzz = FuzzDirectory();
        foreach (var sub in new[] { "corpus", "findings" })
        {
            var dir = Path.Combine(fuzz, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.GetFiles(dir).Order()) data.Add(Path.GetRelativePath(fuzz, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Parsing_and_validating_throws_nothing_but_OciRuntimeException(string input)
    {
        using var reader = new StreamReader(Path.Combine(FuzzDirectory(), input), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();

        AssertOnlyValidationErrors(() =>
        {
            var spec = SpecSerializer.Deserialize(text);
            SpecValidator.Validate(spec);
            SpecValidator.Validate(spec, systemdCgroup: true);
        });
        AssertOnlyValidationErrors(() => SpecValidator.ValidateProcess(SpecSerializer.DeserializeProcess(text, "process.json")));
    }

    [Fact]
    public void The_seed_corpus_is_there()
    {
        Assert.True(Directory.GetFiles(Path.Combine(FuzzDirectory(), "corpus")).Length >= 100);
    }

    private static void AssertOnlyValidationErrors(Action parseAndValidate)
    {
        var thrown = Record.Exception(parseAndValidate);
        Assert.True(thrown is null or OciRuntimeException, $"{thrown?.GetType().Name}: {thrown?.Message}");
    }

    private static string FuzzDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "OciRuntime.Fuzz"));
}
