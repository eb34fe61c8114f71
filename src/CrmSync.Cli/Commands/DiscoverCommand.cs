using System.Collections;
using System.CommandLine;
using CrmSync.Cli.Hosting;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Operations.Discovery;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync discover`: both CRMs' contact metadata as a field_mappings.yaml skeleton with suggested pairs.</summary>
public static class DiscoverCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output")
        {
            Description = "Write the skeleton to this file instead of stdout (an existing file is not overwritten).",
        };
        var command = new Command("discover",
            "Read HubSpot's contact properties and Dynamics' choice columns and print a field_mappings.yaml skeleton with types, option sets and suggested pairs.")
        {
            output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var target = parseResult.GetValue(output);
            if (target is not null && File.Exists(target))
            {
                throw new CliUsageException($"{Path.GetFullPath(target)} already exists.", "pass --output a new file name, or omit it to print the skeleton");
            }

            var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Where(e => e.Value is string)
                .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
            var settings = await PipelineSettingsLoader.LoadAsync(context.ConfigDirectory, null, environment, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var yaml = FieldMappingSkeleton.Write(await CrmMetadataReader.SuggestAsync(settings, TimeProvider.System, cancellationToken).ConfigureAwait(false));
            if (target is null)
            {
                await context.Console.Data.WriteAsync(yaml).ConfigureAwait(false);
            }
            else
            {
                await File.WriteAllTextAsync(target, yaml, cancellationToken).ConfigureAwait(false);
                context.Console.Info($"Wrote the field_mappings.yaml skeleton to {Path.GetFullPath(target)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
