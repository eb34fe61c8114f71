using System.Globalization;
using CrmSync.Core.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrmSync.Core.Configuration;

/// <summary>
/// Parses and validates field_mappings.yaml. Every error names the file, line and key, e.g.
/// <c>field_mappings.yaml:14:16: fields[2].direction: 'both' is not one of: bi, to_hubspot, to_dynamics</c>.
/// </summary>
public static class FieldMappingsParser
{
    /// <summary>Parses <paramref name="yamlText"/> read from <paramref name="fileName"/>; throws <see cref="ConfigurationException"/> listing every error.</summary>
    public static FieldMappingSet Parse(string yamlText, string fileName)
    {
        var list = new ConfigurationErrorList();
        var mappings = Parse(yamlText, fileName, list);
        list.ThrowIfAny();
        return mappings!;
    }

    internal static FieldMappingSet? Parse(string yamlText, string fileName, ConfigurationErrorList list)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        var errors = new YamlErrorSink(fileName, list);
        var root = YamlDocumentLoader.LoadRoot(yamlText, errors, list);
        if (root is null)
        {
            return null;
        }

        var errorsBefore = list.Count;
        var matchField = root.String("match_field") ?? "email";
        var create = root.Section("create_missing");
        var createInHubSpot = create?.Bool("to_hubspot") ?? false;
        var createInDynamics = create?.Bool("to_dynamics") ?? false;
        create?.RejectUnknownKeys();

        var fields = new List<FieldMapping>();
        var sequence = root.Sequence("fields", required: true);
        if (sequence is not null)
        {
            var names = new UniqueNames(errors);
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"fields[{i}]");
                if (sequence.Children[i] is not YamlMappingNode node)
                {
                    errors.At(sequence.Children[i], path, "each field must be a mapping with name, type, hubspot, dynamics, ...");
                    continue;
                }

                if (ReadField(new YamlSection(node, path, errors), errors) is { } field && names.Accept(field, node, path))
                {
                    fields.Add(field);
                }
            }

            if (sequence.Children.Count == 0)
            {
                errors.At(sequence, "fields", "at least one field must be mapped");
            }
        }

        root.RejectUnknownKeys();
        CheckMatchField(root, fields, matchField, errors);
        return list.Count > errorsBefore
            ? null
            : new FieldMappingSet(fields, matchField, createInHubSpot, createInDynamics);
    }

    private static FieldMapping? ReadField(YamlSection field, YamlErrorSink errors)
    {
        var name = field.String("name", required: true);
        var type = field.Enum("type", EnumSpelling.FieldTypes, required: true);
        var direction = field.Enum("direction", EnumSpelling.Directions) ?? SyncDirection.Bi;
        var hubspot = field.String("hubspot");
        var dynamics = field.String("dynamics");
        var strategy = field.Enum("strategy", EnumSpelling.Strategies) ?? WriteStrategy.Overwrite;
        var conflict = field.Enum("conflict", EnumSpelling.ConflictRules);
        var emptyWins = field.Bool("empty_wins") ?? false;
        field.RejectUnknownKeys();

        var valid = name is not null && type is not null;
        if (name is not null && !FieldNames.IsUnifiedName(name))
        {
            field.Error("name", $"'{name}' must be lower_snake_case (letters, digits, _), starting with a letter: it becomes a column name");
            valid = false;
        }

        valid &= RequireCrmName(field, "hubspot", hubspot, direction, SourceSystem.HubSpot);
        valid &= RequireCrmName(field, "dynamics", dynamics, direction, SourceSystem.Dynamics);
        if (conflict is not null && direction != SyncDirection.Bi)
        {
            var source = direction == SyncDirection.ToDynamics ? "HubSpot" : "Dynamics";
            field.Error("conflict", $"applies only to direction bi; a {EnumName(direction)} field always takes the {source} value");
            valid = false;
        }

        return valid
            ? new FieldMapping(name!, hubspot!, dynamics!, type!.Value, direction, strategy,
                conflict ?? ConflictRule.LatestWins, emptyWins,
                new SourceLocation(errors.File, (int)field.Node.Start.Line, (int)field.Node.Start.Column))
            : null;
    }

    private static bool RequireCrmName(YamlSection field, string key, string? value, SyncDirection direction, SourceSystem system)
    {
        if (value is null)
        {
            var role = direction == SyncDirection.Bi ? "read and written"
                : direction == SyncDirection.ToHubSpot == (system == SourceSystem.HubSpot) ? "written" : "read";
            var label = system == SourceSystem.HubSpot ? "HubSpot property" : "Dynamics attribute";
            field.Error(key, $"required: a {EnumName(direction)} field needs the {label} it is {role} as");
            return false;
        }

        if (!FieldNames.IsCrmName(value))
        {
            field.Error(key, $"'{value}' is not a valid property/attribute name (letters, digits, _)");
            return false;
        }

        return true;
    }

    private static void CheckMatchField(YamlSection root, List<FieldMapping> fields, string matchField, YamlErrorSink errors)
    {
        var match = fields.Find(f => f.Name == matchField);
        if (match is null && fields.Count > 0)
        {
            errors.At(root.Value("match_field") ?? root.Node, "match_field",
                $"'{matchField}' is not a mapped field; records are matched across the CRMs on this email field");
        }
        else if (match is not null && match.Type != FieldType.Email)
        {
            errors.At(root.Value("match_field") ?? root.Node, "match_field",
                $"'{matchField}' must have type email to match records on");
        }
    }

    private static string EnumName(SyncDirection direction) =>
        EnumSpelling.Directions.First(p => p.Value == direction).Key;

    /// <summary>Rejects a second field with the same unified name, HubSpot property or Dynamics attribute.</summary>
    private sealed class UniqueNames(YamlErrorSink errors)
    {
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _hubspot = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _dynamics = new(StringComparer.OrdinalIgnoreCase);

        public bool Accept(FieldMapping field, YamlNode node, string path)
        {
            var line = (int)node.Start.Line;
            return Unique(_names, field.Name, line, node, path + ".name", "unified name")
                   & Unique(_hubspot, field.HubSpotProperty, line, node, path + ".hubspot", "HubSpot property")
                   & Unique(_dynamics, field.DynamicsAttribute, line, node, path + ".dynamics", "Dynamics attribute");
        }

        private bool Unique(Dictionary<string, int> seen, string value, int line, YamlNode node, string key, string what)
        {
            if (seen.TryGetValue(value, out var firstLine))
            {
                errors.At(node, key, string.Create(CultureInfo.InvariantCulture,
                    $"duplicate {what} '{value}' (first mapped at line {firstLine})"));
                return false;
            }

            seen.Add(value, line);
            return true;
        }
    }
}
