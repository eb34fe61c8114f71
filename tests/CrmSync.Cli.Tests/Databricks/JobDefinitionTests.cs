using System.Text.Json.Nodes;
using CrmSync.Cli.Commands;
using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.Databricks;

/// <summary>jobs/crm_sync_job.json against the real `crmsync` command tree, the stage graph's one source.</summary>
public class JobDefinitionTests
{
    private static readonly string[] SecretVariables = ["HUBSPOT_TOKEN", "D365_TENANT_ID", "D365_CLIENT_ID", "D365_CLIENT_SECRET", "D365_ORG_URI"];

    private readonly JsonObject _job = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("jobs", "crm_sync_job.json")))!.AsObject();
    private readonly List<StageCommand> _stages = CrmSyncCommand.Create().Subcommands.OfType<StageCommand>().ToList();

    private IEnumerable<JsonObject> Tasks => _job["tasks"]!.AsArray().Select(task => task!.AsObject());

    private static string StageOf(JsonObject task) => (string)task["spark_python_task"]!["parameters"]![0]!;

    private static List<string> DependenciesOf(JsonObject task) =>
        task["depends_on"]?.AsArray().Select(d => (string)d!["task_key"]!).ToList() ?? [];

    [Fact]
    public void The_command_tree_declares_the_stage_graph()
    {
        _stages.Select(s => s.Name).Should().Equal(
            "setup", "ingest-hubspot", "ingest-dynamics", "unify", "scd2", "compute-deltas", "push-hubspot", "push-dynamics", "optimize");
        _stages.Single(s => s.Name == "unify").DependsOn.Should().BeEquivalentTo("ingest-hubspot", "ingest-dynamics");
    }

    [Fact]
    public void Every_task_runs_an_existing_stage_verb_of_crmsync()
    {
        var root = CrmSyncCommand.Create();

        foreach (var task in Tasks)
        {
            var verb = StageOf(task);
            root.Subcommands.OfType<StageCommand>().Select(c => c.Name)
                .Should().Contain(verb, $"task '{task["task_key"]}' runs `crmsync {verb}`");
        }
    }

    [Fact]
    public void Every_stage_has_exactly_one_task_named_after_it()
    {
        Tasks.Select(t => (string)t["task_key"]!).Should().BeEquivalentTo(_stages.Select(s => s.Name));
        Tasks.Should().OnlyContain(t => (string)t["task_key"]! == StageOf(t));
    }

    [Fact]
    public void Each_task_depends_on_exactly_the_stages_its_verb_depends_on()
    {
        foreach (var task in Tasks)
        {
            var stage = _stages.Single(s => s.Name == StageOf(task));
            DependenciesOf(task).Should().BeEquivalentTo(stage.DependsOn, $"task '{stage.Name}' must wait for its inputs");
        }
    }

    [Fact]
    public void Tasks_are_listed_so_every_dependency_comes_first()
    {
        var seen = new HashSet<string>();
        foreach (var task in Tasks)
        {
            DependenciesOf(task).Where(d => !seen.Contains(d)).Should().BeEmpty($"'{task["task_key"]}' is listed before a stage it depends on");
            seen.Add((string)task["task_key"]!);
        }
    }

    [Fact]
    public void Each_task_runs_the_launcher_with_the_job_config_and_lake()
    {
        var clusterKeys = _job["job_clusters"]!.AsArray().Select(c => (string)c!["job_cluster_key"]!).ToList();
        foreach (var task in Tasks)
        {
            var python = task["spark_python_task"]!;
            ((string)python["python_file"]!).Should().EndWith("/crmsync_launcher.py");
            python["parameters"]!.AsArray().Select(p => (string)p!).Skip(1).Should().Equal(
                "--config", "{{job.parameters.config}}", "--lake", "{{job.parameters.lake}}");
            clusterKeys.Should().Contain((string)task["job_cluster_key"]!);
        }

        _job["parameters"]!.AsArray().Select(p => (string)p!["name"]!).Should().BeEquivalentTo("config", "lake");
    }

    [Fact]
    public void The_job_never_overlaps_itself_and_is_scheduled_with_alerts()
    {
        ((int)_job["max_concurrent_runs"]!).Should().Be(1);
        ((string)_job["schedule"]!["quartz_cron_expression"]!).Split(' ').Should().HaveCountGreaterThanOrEqualTo(6);
        ((string)_job["schedule"]!["timezone_id"]!).Should().NotBeNullOrWhiteSpace();
        _job["email_notifications"]!["on_failure"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public void Secrets_come_from_a_secret_scope_never_as_literal_values()
    {
        foreach (var cluster in _job["job_clusters"]!.AsArray())
        {
            var variables = cluster!["new_cluster"]!["spark_env_vars"]!.AsObject();
            foreach (var name in SecretVariables)
            {
                ((string)variables[name]!).Should().MatchRegex(@"^\{\{secrets/[\w-]+/[\w-]+\}\}$", $"{name} must reference a secret");
            }

            ((string)variables["CRMSYNC_BIN"]!).Should().MatchRegex("^/Volumes/[^/]+/[^/]+/crmsync/bin/crmsync$");
        }
    }
}
