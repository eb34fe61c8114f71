using System.CommandLine;

var root = new RootCommand("CrmSync: two-way HubSpot <-> Dynamics 365 contact sync through Delta Lake tables.");
return await root.Parse(args).InvokeAsync();
