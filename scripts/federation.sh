#!/usr/bin/env bash
# Starts a local federation on loopback: a city node and two district nodes (渝中区 500103 and
# 江北区 500105) on embedded SQLite, then shows a clinic agent enrolling residents through them.
#   scripts/federation.sh          run the demo, then keep the nodes running until Ctrl-C
#   scripts/federation.sh --once   run the demo and stop (used by CI as a smoke test)
set -euo pipefail
cd "$(dirname "$0")/.."
once=false
[ "${1:-}" = "--once" ] && once=true

data=.demo
rm -rf "$data" && mkdir -p "$data"
dotnet build HealthRecords.sln -c Release -nologo -v q -clp:ErrorsOnly

bin() { echo "src/$1/bin/Release/net10.0/HealthRecords.$1.dll"; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# The city's token authority: every node verifies users' bearer tokens with its public key.
dotnet "$(bin CityNode)" make-token-key --out "$data/tokens" >/dev/null
token_key="$data/tokens/token-public-key.pem"

# R-AC-6: the city's identity number keys, fresh per run (environment, read by the city's configuration).
export Security__IdentityKeys__Current=demo1
Security__IdentityKeys__Keys__demo1=$(dotnet "$(bin CityNode)" generate-key); export Security__IdentityKeys__Keys__demo1
Security__IdentityKeys__HashKey=$(dotnet "$(bin CityNode)" generate-key); export Security__IdentityKeys__HashKey

# The federation's local CA and the certificates of the topology: every node requires mutual TLS (R-AC-5).
certs="$data/certs"
dotnet "$(bin CityNode)" make-certs --out "$certs" --topology config/topology.demo.json >/dev/null
tls() { echo "--Grpc:Tls:Certificate=$certs/$1.pem --Grpc:Tls:Key=$certs/$1.key --Grpc:Tls:ClientCa=$certs/ca.pem"; }

# The administrators' dashboard, with a demo account whose hash is made at each start (demo only).
admin_user=admin
admin_password=demo-only-password
admin_hash=$(echo "$admin_password" | dotnet "$(bin CityNode)" hash-password)
dotnet "$(bin CityNode)" --Grpc:Listen=127.0.0.1:5100 --Storage:DataDirectory="$data/city" \
  --Topology:Path=config/topology.demo.json --Dashboard:Listen=127.0.0.1:5180 \
  --Administrators:0:User="$admin_user" --Administrators:0:PasswordHash="$admin_hash" \
  --Security:Tokens:PublicKey="$token_key" $(tls city) >"$data/city.log" 2>&1 & pids+=($!)
for d in 500103 500105; do
  dotnet "$(bin DistrictNode)" --Grpc:Listen=127.0.0.1:5${d:3:3} --District:Code=$d \
    --District:CityAddress=https://127.0.0.1:5100 --Storage:DataDirectory="$data/district-$d" \
    --Topology:Path=config/topology.demo.json --Security:Tokens:PublicKey="$token_key" $(tls district-$d) >"$data/district-$d.log" 2>&1 & pids+=($!)
done

# A clinic agent of each district (institution codes come from config/topology.demo.json).
# Each presents its own certificate: the district takes the clinic's identity from it.
clinic() { dotnet "$(bin ClinicAgent)" --district "https://127.0.0.1:5${1:3:3}" --institution "$1" \
  --cert "$certs/institution-$1.pem" --key "$certs/institution-$1.key" --ca "$certs/ca.pem" "${@:2}"; }
yuzhong() { clinic 500103C01 "$@"; }
jiangbei() { clinic 500105C01 "$@"; }

for _ in $(seq 1 100); do
  rc=0; yuzhong lookup --citizen-id 11010519491231002X >/dev/null 2>&1 || rc=$?
  [ "$rc" = 0 ] || [ "$rc" = 4 ] && break
  sleep 0.3
done

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
step "yuzhong enroll --citizen-id 11010519491231002X --name 李秀英 --committee 500103001001"
HR_STAFF=王护士 yuzhong enroll --citizen-id 11010519491231002X --name 李秀英 --committee 500103001001 --phone 13800000001
step "yuzhong enroll --citizen-id 440308199901101512 --name 张伟 --committee 500103001002"
HR_STAFF=王护士 yuzhong enroll --citizen-id 440308199901101512 --name 张伟 --committee 500103001002
step "jiangbei enroll --citizen-id 11010519491231002X ...   (same person, another district)"
HR_STAFF=赵医生 jiangbei enroll --citizen-id 11010519491231002X --name 李秀英 --committee 500105001001 || echo "(exit code $?: refused, as it must be: one person, one record)"
step "jiangbei lookup --citizen-id 11010519491231002X"
jiangbei lookup --citizen-id 11010519491231002X
step "yuzhong records"
yuzhong records

if $once; then exit 0; fi
cat <<MSG

Federation running (logs and SQLite files in $data/):
  city node          https://127.0.0.1:5100   (mutual TLS; certificates in $certs/)
  dashboard          http://127.0.0.1:5180/   user $admin_user, password $admin_password (demo only)
  district 500103    127.0.0.1:5103   clinics 500103C01..C03
  district 500105    127.0.0.1:5105   clinics 500105C01..C03
Try: dotnet $(bin ClinicAgent) --district https://127.0.0.1:5103 --institution 500103C02 \\
       --cert $certs/institution-500103C02.pem --key $certs/institution-500103C02.key --ca $certs/ca.pem --help
Press Ctrl-C to stop.
MSG
wait
