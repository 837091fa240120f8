; Inno Setup script for Debrief on Windows (untested here: written on Linux, see packaging/README.md).
; Build the folder first with `py packaging\build.py` (it lands in dist\debrief\), then from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\windows\debrief.iss
; The installer goes to dist\debrief-<version>-windows-x64-setup.exe. It installs per user by default (no
; administrator needed), adds a Start menu entry, and registers *.debrief interchange files: opening one runs
; `Debrief.exe "FILE"`, which asks whether to import it. The menu entry and file types run Debrief.exe (windowed,
; no console window); debrief-cli.exe beside it is the terminal command (`debrief-cli self-test` checks the
; install). Windows goes by the last extension only, so an encrypted *.debrief.age file is an .age file: Debrief is
; added to its "Open with" list, not made every .age file's default.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z packaging\windows\debrief.iss
#endif

[Setup]
AppId={{7B0C3E52-6A0E-4E8B-9D57-1C0D2B7E9F41}
AppName=Debrief
AppVersion={#AppVersion}
AppPublisher=Debrief
DefaultDirName={autopf}\Debrief
DefaultGroupName=Debrief
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=debrief-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
ChangesAssociations=yes
UninstallDisplayIcon={app}\Debrief.exe

[Files]
Source: "..\..\dist\debrief\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Debrief"; Filename: "{app}\Debrief.exe"
Name: "{group}\Uninstall Debrief"; Filename: "{uninstallexe}"

[Registry]
Root: HKA; Subkey: "Software\Classes\.debrief"; ValueType: string; ValueName: ""; ValueData: "Debrief.Interchange"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Debrief.Interchange"; ValueType: string; ValueName: ""; ValueData: "Debrief interchange file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.age\OpenWithProgids"; ValueType: string; ValueName: "Debrief.Interchange"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Debrief.Interchange\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Debrief.exe"" ""%1"""

[Run]
Filename: "{app}\Debrief.exe"; Description: "Open Debrief"; Flags: nowait postinstall skipifsilent
