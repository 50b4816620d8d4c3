#!/usr/bin/env bash
# DrKit's one build and test entry point.
#
#   ./build.sh setup   install what drills need (PostgreSQL, Redis, Sentinel) and restore packages
#   ./build.sh test    build and test every project this machine can build; print one summary line
#   ./build.sh drill   setup, then a real local failover drill on the bundled pilot-light stack
#
# Projects that need the Pulumi packages carry <DrKitRequiresPulumi>true</DrKitRequiresPulumi>. Where the
# Pulumi packages restore, everything is built and tested (and drkit gets the Automation API gateway);
# where they do not, the rest is built and tested and the skipped projects are listed with the reason.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
ART="$ROOT/artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

all_projects() {
  find infra policies tests benchmarks -name '*.csproj' 2>/dev/null | sort
}

# A project needs Pulumi if it says so or references (unconditionally) a project that does.
pulumi_projects() {
  local marked changed p ref dir
  marked=$(grep -l '<DrKitRequiresPulumi>true</DrKitRequiresPulumi>' $(all_projects) 2>/dev/null || true)
  changed=1
  while [ "$changed" = 1 ]; do
    changed=0
    for p in $(all_projects); do
      grep -qxF "$p" <<<"$marked" && continue
      dir=$(dirname "$p")
      for ref in $(grep -oE '<ProjectReference Include="[^"]+"( */>|>)' "$p" | grep -v Condition | sed -E 's/.*Include="([^"]+)".*/\1/'); do
        ref=$(realpath -m --relative-to="$ROOT" "$dir/$ref")
        if grep -qxF "$ref" <<<"$marked"; then marked=$(printf '%s\n%s' "$marked" "$p"); changed=1; break; fi
      done
    done
  done
  printf '%s\n' "$marked" | sed '/^$/d' | sort -u
}

pulumi_restores() {
  # Ask the configured NuGet sources for the pinned Pulumi packages through a throwaway project.
  local probe="$ART/pulumi-probe"
  rm -rf "$probe" && mkdir -p "$probe"
  cat > "$probe/Probe.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Pulumi" />
    <PackageReference Include="Pulumi.Automation" />
    <PackageReference Include="Pulumi.Aws" />
    <PackageReference Include="Pulumi.Random" />
  </ItemGroup>
</Project>
XML
  if dotnet restore "$probe/Probe.csproj" > "$probe/restore.log" 2>&1; then
    return 0
  fi
  PULUMI_REASON=$(grep -oE 'NU1[0-9]{3}: [^[]+' "$probe/restore.log" | head -1 | sed 's/ *$//')
  [ -n "$PULUMI_REASON" ] || PULUMI_REASON="restore failed (see $probe/restore.log)"
  return 1
}

cmd_setup() {
  local need=()
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
  # As root, drills run PostgreSQL as the postgres account, which the distribution's package creates.
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then need+=(postgresql); fi
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  command -v redis-sentinel >/dev/null 2>&1 || need+=(redis-sentinel)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]} (drills run real servers on loopback)"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  # The distribution starts its own servers on the default ports; drills never use them.
  say "restoring packages"
  for p in $(all_projects); do
    grep -qxF "$p" <<<"$(pulumi_projects)" && continue
    dotnet restore "$p" --nologo -v q >/dev/null
  done
}

cmd_test() {
  mkdir -p "$ART"
  local skipped pulumi selected="$ART/selected.sln" props=()
  skipped=$(pulumi_projects)
  if [ -n "$skipped" ] && pulumi_restores; then
    say "Pulumi packages restore here: building and testing every project"
    skipped=""
    props+=(-p:DrKitWithPulumi=true)
  elif [ -n "$skipped" ]; then
    say "Pulumi packages do not restore here ($PULUMI_REASON): skipping the projects that need them"
  fi

  rm -f "$selected"
  dotnet new sln -o "$ART" -n selected --format sln --force >/dev/null
  local projects=()
  for p in $(all_projects); do
    grep -qxF "$p" <<<"$skipped" || projects+=("$p")
  done
  dotnet sln "$selected" add "${projects[@]}" >/dev/null

  say "building ${#projects[@]} projects"
  dotnet build "$selected" -c Debug --nologo -v q -clp:ErrorsOnly "${props[@]}"

  say "testing"
  local results="$ART/test-results"
  rm -rf "$results"
  local status=0
  # One test assembly at a time: drills time real failovers and must not compete for the two cores.
  dotnet test "$selected" --no-build -c Debug -m:1 --nologo --logger "trx" --results-directory "$results" "${props[@]}" || status=$?

  local passed=0 failed=0 skipped_tests=0 files=0 expected
  expected=$(printf '%s\n' "${projects[@]}" | grep -c '^tests/' || true)
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters=$(grep -oE '<Counters [^>]*>' "$trx" | head -1)
    get() { grep -oE " $1=\"[0-9]+\"" <<<"$counters" | grep -oE '[0-9]+' || echo 0; }
    passed=$((passed + $(get passed)))
    failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
    skipped_tests=$((skipped_tests + $(get notExecuted) + $(get inconclusive)))
  done
  if [ "$files" -lt "$expected" ]; then
    echo "error: $((expected - files)) test project(s) produced no results (crashed test host?)" >&2
    failed=$((failed + expected - files))
  fi

  if [ -n "$skipped" ]; then
    echo
    echo "Skipped (need the Pulumi packages, which do not restore here: $PULUMI_REASON):"
    printf '  %s\n' $skipped
  fi
  echo
  echo "$passed passed, $failed failed, $skipped_tests skipped"
  if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    return 1
  fi
}

cmd_drill() {
  cmd_setup
  say "local failover drill on the bundled pilot-light stack"
  dotnet run --project infra/DrKit.Cli -c Release -- drill --local pilot-light
}

case "${1:-test}" in
  setup) cmd_setup ;;
  test) cmd_test ;;
  drill) cmd_drill ;;
  *) echo "usage: ./build.sh [setup|test|drill]" >&2; exit 2 ;;
esac
