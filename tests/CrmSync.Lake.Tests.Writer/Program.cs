using System.Globalization;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

// Usage: <store root> <table path> <first id> <commits>
// Appends one row per commit (ids first..first+commits-1) and prints each committed version.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: <store root> <table path> <first id> <commits>");
    return 2;
}

var store = new LocalFileSystemStore(args[0]);
var firstId = long.Parse(args[2], CultureInfo.InvariantCulture);
var commits = int.Parse(args[3], CultureInfo.InvariantCulture);
var table = await DeltaTable.OpenAsync(store, args[1]);
var schema = table.Schema;
for (var i = 0; i < commits; i++)
{
    var values = new object?[schema.Count];
    values[schema.IndexOf("id")] = firstId + i;
    var result = await table.AppendAsync([new Row(schema, values)]);
    Console.WriteLine(result.Version.ToString(CultureInfo.InvariantCulture));
}

return 0;
