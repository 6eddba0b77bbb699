using HealthRecords.CityNode;
using HealthRecords.CityNode.Administration;
using HealthRecords.CityNode.Dashboard;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Audit;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;

// `hash-password` reads a password on stdin and prints the hash for Administrators:N:PasswordHash.
if (args is ["hash-password", ..]) { Console.WriteLine(AdministratorAccounts.Hash(Console.ReadLine() ?? "")); return; }
// `make-token-key` and `issue-token`: the city's token authority (R-AC-5).
if (TokenCommands.TryRun(args)) return;
// `make-certs`: the federation's local CA and the certificates of the topology (mutual TLS, R-AC-5).
if (CertificateCommands.TryRun(args)) return;
// `verify-audit`: checks the access audit chain of the configured database; exit 0 intact, 3 broken (R-AC-5).
if (await VerifyAuditCommand.TryRunAsync(args, "city.db")) return;
// `generate-key`: a key for Security:IdentityKeys (R-AC-6); `rotate-identity-keys` runs below, after migration.
if (IdentityKeyCommands.TryGenerate(args)) return;
var rotate = args is [IdentityKeyCommands.Rotate, ..];
if (rotate) args = args[1..];

var builder = WebApplication.CreateBuilder(args);
builder.AddNodeDefaults<CityCallerInterceptor>("city.db");
builder.Services.AddCityNode(builder.Configuration);
builder.AddCityDashboard();

var app = builder.Build();
await app.MigrateAsync(CitySchema.Name, CitySchema.Migrations);
await app.ProtectIdentitiesAsync(rotating: rotate);
if (rotate) { await app.RotateIdentityKeysAsync(); return; }
app.MapCityNodeServices();
app.MapGrpcHealth();
app.MapGrpcReflection();
app.MapCityDashboard();
await app.RunAsync();
