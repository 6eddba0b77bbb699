using HealthRecords.ClinicAgent.Cli;

return await AgentCommands.Build().Parse(args).InvokeAsync();
