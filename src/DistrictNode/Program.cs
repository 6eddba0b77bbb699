using HealthRecords.DistrictNode;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;

var builder = WebApplication.CreateBuilder(args);
builder.AddNodeDefaults<DistrictCallerInterceptor>("district.db");
builder.Services.AddDistrictNode(builder.Configuration);

var app = builder.Build();
await app.MigrateAsync(DistrictSchema.Name, DistrictSchema.Migrations);
app.MapGrpcService<DistrictGatewayGrpcService>();
app.MapGrpcHealth();
app.MapGrpcReflection();
await app.RunAsync();
