using CrmSync.Cli.Hosting;
using CrmSync.Core.Configuration;

namespace CrmSync.Cli.Tests.Hosting;

public class ErrorReporterTests
{
    [Fact]
    public void A_usage_error_exits_2_and_ends_with_its_remedy()
    {
        using var error = new StringWriter();

        var exitCode = ErrorReporter.Report(
            new CliUsageException("table path 'lake/x' has no _delta_log", "pass the folder of a Delta table"),
            "crmsync lake history",
            verbose: false,
            error);

        exitCode.Should().Be(2);
        error.ToString().Should().Be(
            "error: table path 'lake/x' has no _delta_log\n" +
            "crmsync lake history failed: pass the folder of a Delta table\n");
    }

    [Fact]
    public void A_configuration_error_exits_2_and_lists_every_error_with_its_place()
    {
        using var error = new StringWriter();
        var invalid = new ConfigurationException(
        [
            new ConfigurationError("field_mappings.yaml", 12, 5, "fields[3].direction", "must be one of both, to_hubspot, to_dynamics"),
            new ConfigurationError("environment", 0, 0, "HUBSPOT_TOKEN", "is empty"),
        ]);

        var exitCode = ErrorReporter.Report(invalid, "crmsync unify", verbose: false, error);

        exitCode.Should().Be(2);
        error.ToString().Should().Contain("field_mappings.yaml:12:5: fields[3].direction: must be one of")
            .And.Contain("environment: HUBSPOT_TOKEN: is empty");
        error.ToString().TrimEnd().Split('\n')[^1].Should().StartWith("crmsync unify failed: fix the configuration");
    }

    [Fact]
    public void Any_other_failure_exits_1_and_hides_the_stack_trace_unless_verbose()
    {
        using var quiet = new StringWriter();
        using var loud = new StringWriter();
        var failure = Thrown(new InvalidOperationException("merge found two source rows for key 42"));

        ErrorReporter.Report(failure, "crmsync unify", verbose: false, quiet).Should().Be(1);
        ErrorReporter.Report(failure, "crmsync unify", verbose: true, loud).Should().Be(1);

        quiet.ToString().Should().StartWith("error: merge found two source rows for key 42\n")
            .And.NotContain(" at ");
        quiet.ToString().TrimEnd().Split('\n').Should().HaveCount(2);
        loud.ToString().Should().Contain(nameof(Thrown));
    }

    [Fact]
    public void An_io_failure_exits_1_and_says_to_check_the_path()
    {
        using var error = new StringWriter();

        var exitCode = ErrorReporter.Report(new FileNotFoundException("could not find lake/bronze/x/part-0.parquet"), "crmsync sql", false, error);

        exitCode.Should().Be(1);
        error.ToString().TrimEnd().Split('\n')[^1].Should().StartWith("crmsync sql failed: check the path above");
    }

    private static InvalidOperationException Thrown(InvalidOperationException exception)
    {
        try
        {
            throw exception;
        }
        catch (InvalidOperationException caught)
        {
            return caught;
        }
    }
}
