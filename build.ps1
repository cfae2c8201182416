#!/usr/bin/env pwsh
#Requires -Version 7.0
<#
.SYNOPSIS
    Restore, build, test and validate RuleCompiler, then build rules/ into dist/.
.DESCRIPTION
    A thin wrapper over the same dotnet commands the README and CI use. Each step stops the script on failure.
.PARAMETER Configuration
    Debug or Release (default Release).
.PARAMETER SkipTests
    Skip `dotnet test`.
.EXAMPLE
    ./build.ps1
    ./build.ps1 -Configuration Debug -SkipTests
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $SkipTests
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Set-Location -Path $PSScriptRoot

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Step {
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [scriptblock] $Command
    )
    Write-Host "==> $Name" -ForegroundColor Cyan
    & $Command
    if ($LASTEXITCODE -ne 0) {
        throw "$Name failed with exit code $LASTEXITCODE"
    }
}

$rulec = @('run', '--project', 'src/Cli', '--configuration', $Configuration, '--no-build', '--')

Invoke-Step 'restore' { dotnet restore RuleCompiler.sln }
Invoke-Step 'build' { dotnet build RuleCompiler.sln --configuration $Configuration --no-restore }
if (-not $SkipTests) {
    Invoke-Step 'test' { dotnet test RuleCompiler.sln --configuration $Configuration --no-build }
}
Invoke-Step 'validate rules/' { dotnet @rulec validate rules/ }
if (-not $SkipTests) {
    Invoke-Step 'rule tests' { dotnet @rulec test rules/ }
}

# Every target the backends support, each into its own folder under dist/.
Invoke-Step 'build rules/ into dist/' { dotnet @rulec build rules/ --out dist }
