using System.Diagnostics;
using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.Databricks;

/// <summary>Runs notebooks/crmsync_launcher.py with python3 against a stand-in binary.</summary>
public sealed class LauncherTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void The_launcher_streams_the_output_and_propagates_a_failing_exit_code()
    {
        var binary = FakeBinary("echo \"verb=$1 lake=$3\"; echo \"token-set=${HUBSPOT_TOKEN:+yes}\"; exit 3");

        var (exitCode, output) = Launch(binary, "unify", "--lake", "/lake");

        exitCode.Should().Be(3);
        output.Should().Contain("verb=unify lake=/lake").And.Contain("token-set=yes");
        output.Should().Contain("`crmsync unify` exited with code 3");
        output.Should().NotContain("s3cr3t", "secrets are passed through, never printed");
    }

    [Fact]
    public void The_launcher_succeeds_when_the_binary_succeeds()
    {
        var binary = FakeBinary("echo ok; exit 0");

        var (exitCode, output) = Launch(binary, "setup");

        exitCode.Should().Be(0);
        output.Should().Contain("ok");
    }

    [Fact]
    public void A_missing_binary_fails_with_a_message_naming_its_path()
    {
        var (exitCode, output) = Launch(_folder.Combine("nowhere", "crmsync"), "setup");

        exitCode.Should().NotBe(0);
        output.Should().Contain(_folder.Combine("nowhere", "crmsync")).And.Contain("crmsync publish");
    }

    public void Dispose() => _folder.Dispose();

    private string FakeBinary(string script)
    {
        var path = _folder.Combine("crmsync");
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        if (!OperatingSystem.IsWindows())
        {
            // Not executable, like a file on a Unity Catalog volume: the launcher must make its copy executable.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private (int ExitCode, string Output) Launch(string binary, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepositoryFiles.PathOf("notebooks", "crmsync_launcher.py"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CRMSYNC_BIN"] = binary;
        start.Environment["HUBSPOT_TOKEN"] = "s3cr3t";
        start.Environment["TMPDIR"] = _folder.Combine("tmp");
        Directory.CreateDirectory(_folder.Combine("tmp"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
