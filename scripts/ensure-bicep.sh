#!/usr/bin/env bash
# Print the path of the Bicep CLI pinned below, installing it from the NuGet
# package Azure.Bicep.CommandLine.linux-x64 with the dotnet CLI when needed.
set -euo pipefail

version="0.49.2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages="$root/.tools/nuget"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [ ! -x "$bicep" ]; then
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "ensure-bicep: dotnet not found; install the .NET SDK, or set BICEP_PATH to a Bicep CLI $version" >&2
    exit 1
  fi
  echo "ensure-bicep: installing Bicep CLI $version from NuGet into $packages" >&2
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cat > "$work/bicep-download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$version]" />
  </ItemGroup>
</Project>
XML
  dotnet restore "$work/bicep-download.csproj" --packages "$packages" >&2
  chmod +x "$bicep"
fi
echo "$bicep"
