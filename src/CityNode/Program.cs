using HealthRecords.CityNode;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;

var builder = WebApplication.CreateBuilder(args);
builder.AddNodeDefaults<CityCallerInterceptor>("city.db");
builder.Services.AddCityNode();

var app = builder.Build();
await app.MigrateAsync(CitySchema.Name, CitySchema.Migrations);
app.MapCityNodeServices();
app.MapGrpcHealth();
app.MapGrpcReflection();
await app.RunAsync();
