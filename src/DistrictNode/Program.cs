using HealthRecords.DistrictNode;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Audit;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;

// `verify-audit`: checks the access audit chain of the configured database; exit 0 intact, 3 broken (R-AC-5).
if (await VerifyAuditCommand.TryRunAsync(args, "district.db")) return;

var builder = WebApplication.CreateBuilder(args);
builder.AddNodeDefaults<DistrictCallerInterceptor>("district.db");
builder.Services.AddDistrictNode(builder.Configuration);

var app = builder.Build();
app.Services.GetRequiredService<HealthRecords.Grains.Topology.District>(); // fail at start-up on a wrong District:Code
await app.MigrateAsync(DistrictSchema.Name, DistrictSchema.Migrations);
app.MapGrpcService<DistrictGatewayGrpcService>();
app.MapGrpcService<ClinicUploadGrpcService>();
app.MapGrpcService<CorrectionGatewayGrpcService>();
app.MapGrpcService<ClinicTransferGrpcService>();
app.MapGrpcService<ClinicInboxGrpcService>();
app.MapGrpcService<ClinicOffsiteGrpcService>();
app.MapGrpcService<ClinicRecordLifecycleGrpcService>();
app.MapGrpcService<ClinicRecordTimelineGrpcService>();
app.MapGrpcService<ClinicRecordAccessGrpcService>();
app.MapGrpcService<HistoricImportRelayGrpcService>();
app.MapGrpcService<DistrictEventGrpcService>();
app.MapGrpcService<CountGrpcService>();
app.MapGrpcHealth();
app.MapGrpcReflection();
await app.RunAsync();
