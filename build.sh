#!/usr/bin/env bash
# DrKit's one build and test entry point.
#
#   ./build.sh setup   install what drills need (PostgreSQL, Redis, Sentinel) and restore packages
#   ./build.sh test    build and test every project this machine can build; print one summary line
#   ./build.sh build   build every project this machine can build (no tests); lists what it skipped and why
#   ./build.sh drill   setup, then a real local failover drill on the bundled pilot-light stack
#   ./build.sh install [global|local] [-p:...]
#                      pack drkit as a .NET tool for this machine (artifacts/nupkg) and install it: global (default,
#                      then `drkit ...`) or for this repository through .config/dotnet-tools.json (`dotnet drkit ...`)
#
# Projects that need the Pulumi packages carry <DrKitRequiresPulumi>true</DrKitRequiresPulumi>. Where the
# Pulumi packages restore, everything is built and tested (and drkit gets the Automation API gateway);
# where they do not, the rest is built and tested and the skipped projects are listed with the reason.
#
# Environment:
#   DRKIT_EXTRA_NUGET_SOURCES  package sources (folders or feed URLs, separated by ';') used in addition to the
#                              configured ones by every restore, the Pulumi probe included: a company mirror, or a
#                              folder of .nupkg files where the configured source does not serve Pulumi.
#   DRKIT_PULUMI=off           skip the Pulumi projects even where their packages restore (checks that the rest
#                              builds and tests on its own).
set -euo pipefail
CALLER_DIR=$(pwd)
cd "$(dirname "$0")"
ROOT=$(pwd)
ART="$ROOT/artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Restore properties every dotnet call shares, so that a build never restores against other sources than setup.
RESTORE_PROPS=()
if [ -n "${DRKIT_EXTRA_NUGET_SOURCES:-}" ]; then
  extra=""
  IFS=';' read -r -a _sources <<<"$DRKIT_EXTRA_NUGET_SOURCES"
  for src in "${_sources[@]}"; do
    [ -n "$src" ] || continue
    # A relative folder is taken from where the caller stands, not from each project's folder.
    if (cd "$CALLER_DIR" && [ -d "$src" ]); then src=$(cd "$CALLER_DIR" && cd "$src" && pwd); elif ! grep -qE '^[a-z]+://' <<<"$src"; then
      echo "error: DRKIT_EXTRA_NUGET_SOURCES names '$src', which is neither a folder nor a feed URL" >&2; exit 2
    fi
    extra="${extra:+$extra%3B}$src"
  done
  RESTORE_PROPS+=("-p:RestoreAdditionalProjectSources=$extra")
fi

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
  if dotnet restore "$probe/Probe.csproj" "${RESTORE_PROPS[@]}" > "$probe/restore.log" 2>&1; then
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
  # The workflow tests run the pull-request comment script, which reads the stack list with jq.
  command -v jq >/dev/null 2>&1 || need+=(jq)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]} (drills run real servers on loopback)"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  # The distribution starts its own servers on the default ports; drills never use them.
  say "restoring packages"
  local skipped props=()
  skipped=$(pulumi_projects)
  if pulumi_wanted && pulumi_restores; then skipped=""; props+=(-p:DrKitWithPulumi=true); fi
  for p in $(all_projects); do
    grep -qxF "$p" <<<"$skipped" && continue
    dotnet restore "$p" --nologo -v q "${RESTORE_PROPS[@]}" "${props[@]}" >/dev/null
  done
}

pulumi_wanted() {
  if [ "${DRKIT_PULUMI:-}" = off ]; then
    PULUMI_REASON="DRKIT_PULUMI=off"
    return 1
  fi
}

# Chooses the projects to build: all of them where Pulumi restores, the rest otherwise. Sets PROJECTS, SKIPPED, PROPS.
select_projects() {
  mkdir -p "$ART"
  PROPS=("${RESTORE_PROPS[@]}")
  SKIPPED=$(pulumi_projects)
  if [ -n "$SKIPPED" ] && pulumi_wanted && pulumi_restores; then
    say "Pulumi packages restore here: building and testing every project"
    SKIPPED=""
    PROPS+=(-p:DrKitWithPulumi=true)
  elif [ -n "$SKIPPED" ]; then
    say "Pulumi packages are not used ($PULUMI_REASON): skipping the projects that need them"
  fi
  PROJECTS=()
  for p in $(all_projects); do
    grep -qxF "$p" <<<"$SKIPPED" || PROJECTS+=("$p")
  done
  local selected="$ART/selected.sln"
  rm -f "$selected"
  dotnet new sln -o "$ART" -n selected --format sln --force >/dev/null
  dotnet sln "$selected" add "${PROJECTS[@]}" >/dev/null
  say "building ${#PROJECTS[@]} of $(all_projects | wc -l) projects"
  dotnet build "$selected" -c Debug --nologo -v q -clp:ErrorsOnly "${PROPS[@]}"
}

report_skipped() {
  if [ -n "$SKIPPED" ]; then
    echo
    echo "Skipped (need the Pulumi packages, which are not used here: $PULUMI_REASON):"
    printf '  %s\n' $SKIPPED
  fi
}

cmd_build() {
  select_projects
  report_skipped
}

cmd_test() {
  select_projects
  local selected="$ART/selected.sln" projects=("${PROJECTS[@]}")

  say "testing"
  local results="$ART/test-results"
  rm -rf "$results"
  local status=0
  # One test assembly at a time: drills time real failovers and must not compete for the two cores.
  dotnet test "$selected" --no-build -c Debug -m:1 --nologo --logger "trx" --results-directory "$results" "${PROPS[@]}" || status=$?

  local passed=0 failed=0 skipped_tests=0 files=0 expected
  expected=$(printf '%s\n' "${projects[@]}" | grep -c '^tests/' || true)
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters=$(grep -oE '<Counters [^>]*>' "$trx" | head -1)
    get() { grep -oE " $1=\"[0-9]+\"" <<<"$counters" | grep -oE '[0-9]+' || echo 0; }
    local total p f
    total=$(get total); p=$(get passed); f=$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))
    passed=$((passed + p))
    failed=$((failed + f))
    # Ignored and inconclusive tests are neither: the trx counts them in total only.
    skipped_tests=$((skipped_tests + total - p - f))
  done
  if [ "$files" -lt "$expected" ]; then
    echo "error: $((expected - files)) test project(s) produced no results (crashed test host?)" >&2
    failed=$((failed + expected - files))
  fi

  report_skipped
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

cmd_install() {
  local scope=global
  case "${1:-}" in global|local) scope=$1; shift ;; esac
  local props=("$@") rid version nupkg="$ART/nupkg" gateway
  if [ ${#props[@]} -eq 0 ] && pulumi_wanted && pulumi_restores; then
    props+=(-p:DrKitWithPulumi=true)
  fi
  if printf '%s\n' "${props[@]}" | grep -qx -- '-p:DrKitWithPulumi=true'; then
    gateway="with the Pulumi Automation API gateway"
  else
    gateway="without the Pulumi Automation API gateway (${PULUMI_REASON:-not asked for}); operations run with --dry-run only"
  fi
  # The machine's own platform. The package is a native executable for it (plan, diff and check start in tens of
  # milliseconds), carrying a framework-dependent drkit with the gateway for the commands that change stacks; where
  # native compilation is unavailable (it needs clang) or DRKIT_NATIVE=off, it is precompiled (ReadyToRun) instead.
  rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' infra/DrKit.Cli/DrKit.Cli.csproj)
  rm -rf "$nupkg" "$ART/tool-automation"
  local packed=""
  if [ "${DRKIT_NATIVE:-}" != off ]; then
    local companion=()
    if [ "$gateway" != "${gateway#with the}" ]; then
      say "publishing the Automation companion (framework-dependent, $gateway)"
      dotnet publish infra/DrKit.Cli -c Release --nologo -v q -clp:ErrorsOnly -p:UseAppHost=false -o "$ART/tool-automation" "${RESTORE_PROPS[@]}" "${props[@]}"
      companion=(-p:DrKitAutomationCompanion="$ART/tool-automation")
    fi
    say "packing drkit $version as a native executable for $rid"
    if dotnet pack infra/DrKit.Cli -c Release --nologo -v q -clp:ErrorsOnly -p:ToolPackageRuntimeIdentifiers="$rid" -p:DrKitNativeTool=true "${RESTORE_PROPS[@]}" \
      && dotnet pack infra/DrKit.Cli -c Release -r "$rid" --nologo -v q -clp:ErrorsOnly -p:ToolPackageRuntimeIdentifiers="$rid" -p:DrKitNativeTool=true "${RESTORE_PROPS[@]}" "${companion[@]}"; then
      packed=native
    else
      say "native compilation failed (it needs clang and zlib headers: apt-get install clang zlib1g-dev); packing the ReadyToRun drkit instead"
      rm -rf "$nupkg"
    fi
  fi
  if [ -z "$packed" ]; then
    say "packing drkit $version for $rid (ReadyToRun), $gateway"
    dotnet pack infra/DrKit.Cli -c Release --nologo -v q -clp:ErrorsOnly -p:ToolPackageRuntimeIdentifiers="$rid" "${RESTORE_PROPS[@]}" "${props[@]}"
  fi
  # A rebuilt package keeps its version: drop NuGet's cached copy so the one just packed is installed.
  local cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  rm -rf "$cache/drkit/$version" "$cache/drkit.$rid/$version"
  if [ "$scope" = local ]; then
    say "installing drkit $version for this repository (.config/dotnet-tools.json)"
    dotnet tool restore --add-source "$nupkg"
    echo "run: dotnet drkit plan pilot-light"
  else
    say "installing drkit $version as a global tool"
    dotnet tool uninstall --global drkit >/dev/null 2>&1 || true
    dotnet tool install --global drkit --version "$version" --add-source "$nupkg"
    echo "run: drkit plan pilot-light"
  fi
}

case "${1:-test}" in
  setup) cmd_setup ;;
  test) cmd_test ;;
  build) cmd_build ;;
  drill) cmd_drill ;;
  install) shift; cmd_install "$@" ;;
  *) echo "usage: ./build.sh [setup|test|build|drill|install [global|local] [-p:...]]" >&2; exit 2 ;;
esac
