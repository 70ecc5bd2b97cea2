using System.Text.RegularExpressions;
using Ocirun.Cli;
using Ocirun.Docs;
using Xunit;

namespace OciRuntime.Tests.Cli;

/// <summary>
/// The man pages and spec/cli.md follow the parser's own tables: every flag a command's parser knows is in its
/// page and in its row of spec/cli.md, so help, man page, contract and behaviour cannot drift apart.
/// </summary>
public class ManPageTests
{
    public static TheoryData<string> CommandNames()
    {
        var names = new TheoryData<string>();
        foreach (var command in DocumentedCli.Commands()) names.Add(command.Name);
        return names;
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Every_flag_the_parser_knows_is_in_the_command_page(string name)
    {
        var command = CommandCatalog.Find(name)!;
        var page = ManPageWriter.CommandPage(command);
        Assert.Contains($".TH OCIRUN\\-{name.ToUpperInvariant().Replace("-", "\\-")} 8 ", page);
        foreach (var flag in command.FlagHelp.Append(HelpFlag.Instance))
            foreach (var spelling in DocumentedCli.Spellings(flag))
                Assert.Matches($@"\\fB{Regex.Escape(Roff(spelling))}\\fR( \\fIvalue\\fR)?(,|\n)", page);
    }

    [Fact]
    public void The_main_page_has_every_global_flag_and_command()
    {
        var page = ManPageWriter.MainPage();
        foreach (var flag in GlobalCommandLine.Flags)
            foreach (var spelling in DocumentedCli.Spellings(flag))
                Assert.Contains($"\\fB{Roff(spelling)}\\fR", page);
        foreach (var command in DocumentedCli.Commands())
            Assert.Contains($".B {command.Name}\n", page);
    }

    [Fact]
    public void There_is_a_page_per_listed_command_and_none_for_hidden_ones()
    {
        var files = ManPageWriter.All().Select(page => page.FileName).ToList();
        Assert.Equal(["ocirun.8", .. DocumentedCli.Commands().Select(c => $"ocirun-{c.Name}.8")], files);
        Assert.DoesNotContain("ocirun-init.8", files);
        Assert.DoesNotContain("ocirun-docs.8", files);
    }

    [Fact]
    public void Obsolete_flags_are_in_their_own_section()
    {
        var page = ManPageWriter.CommandPage(CommandCatalog.Find("update")!);
        var obsolete = page.IndexOf(".SH OBSOLETE OPTIONS", StringComparison.Ordinal);
        Assert.True(obsolete > 0);
        Assert.True(page.IndexOf("\\-\\-kernel\\-memory", StringComparison.Ordinal) > obsolete);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Every_flag_the_parser_knows_is_in_the_command_row_of_spec_cli_md(string name)
    {
        var rows = SpecCommandRows();
        var row = rows[name];
        // run's row says "create's flags plus ...".
        if (row.Contains("create's flags", StringComparison.Ordinal)) row += rows["create"];
        foreach (var flag in CommandCatalog.Find(name)!.FlagHelp)
        {
            Assert.Contains("`--" + flag.Name, row);
            if (flag.ShortName != null) Assert.Contains($"--{flag.Name}/-{flag.ShortName}`", row);
        }
    }

    [Fact]
    public void Every_global_flag_is_in_the_global_options_table_of_spec_cli_md()
    {
        var spec = File.ReadAllText(SpecCliPath());
        foreach (var flag in GlobalCommandLine.Flags)
            Assert.Contains($"| `--{flag.Name}`", spec);
    }

    private static Dictionary<string, string> SpecCommandRows()
    {
        var rows = new Dictionary<string, string>();
        foreach (Match row in Regex.Matches(File.ReadAllText(SpecCliPath()), @"^\| `([a-z]+)` \|(.*)$", RegexOptions.Multiline))
            rows[row.Groups[1].Value] = row.Groups[2].Value;
        return rows;
    }

    private static string SpecCliPath([System.Runtime.CompilerServices.CallerFilePath] string here = "")
    {
        var dir = Path.GetDirectoryName(here);
        while (dir != null && !File.Exists(Path.Combine(dir, "spec", "cli.md"))) dir = Path.GetDirectoryName(dir);
        return Path.Combine(dir ?? throw new InvalidOperationException("spec/cli.md not found"), "spec", "cli.md");
    }

    private static string Roff(string spelling) => spelling.Replace("-", "\\-");
}
